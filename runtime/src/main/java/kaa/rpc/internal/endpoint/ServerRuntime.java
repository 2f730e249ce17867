package kaa.rpc.internal.endpoint;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import java.net.BindException;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import kaa.rpc.AuthenticationException;
import kaa.rpc.Options;
import kaa.rpc.RpcException;
import kaa.rpc.internal.auth.HandshakeHandler;
import kaa.rpc.internal.call.ChannelControl;
import kaa.rpc.internal.call.Endpoint;
import kaa.rpc.internal.transport.Addresses;
import kaa.rpc.internal.transport.Tls;
import kaa.rpc.internal.transport.ThreadReadBuffers;
import kaa.rpc.internal.transport.Transports;
import kaa.rpc.internal.transport.UnixSockets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The implementation of {@link kaa.rpc.Server}. */
public final class ServerRuntime implements ChannelControl.Owner {
  private static final Logger log = LoggerFactory.getLogger(ServerRuntime.class);
  static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(1 << 20, 4 << 20);

  private final Endpoint endpoint;
  private final SocketAddress address;
  private final Channel listener;
  private final Set<ChannelControl> channels = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final List<Consumer<? super kaa.rpc.Channel>> clientListeners = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  /**
   * Binds {@code requested} at once.
   *
   * @throws RpcException naming the address and the cause if it cannot
   */
  public ServerRuntime(SocketAddress requested, byte[] secret, Options options) {
    Addresses.check(requested);
    Tls.check(options.sslContext(), false);
    this.endpoint = new Endpoint(options, secret);
    try {
      if (requested instanceof UnixDomainSocketAddress) {
        UnixSockets.claim((UnixDomainSocketAddress) requested);
      }
      ServerBootstrap bootstrap =
          new ServerBootstrap()
              .group(endpoint.group())
              .channelFactory(Transports.server(requested))
              .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
              .childOption(ChannelOption.RECVBUF_ALLOCATOR, new ThreadReadBuffers())
              .childHandler(
                  new ConnectionInitializer(false, requested, endpoint, new Accept()));
      ChannelFuture bound = bootstrap.bind(requested).awaitUninterruptibly();
      if (!bound.isSuccess()) {
        Throwable cause = bound.cause();
        String why =
            cause instanceof BindException
                ? "address in use (" + cause.getMessage() + ")"
                : String.valueOf(cause.getMessage());
        throw new RpcException("cannot listen on " + Addresses.describe(requested) + ": " + why, cause);
      }
      this.listener = bound.channel();
      this.address = listener.localAddress();
      log.info(
          "listening on {} ({})",
          Addresses.describe(address),
          options.sslContext() == null ? "no TLS" : "TLS");
    } catch (RuntimeException e) {
      endpoint.shutdown();
      throw e;
    }
  }

  /** The bound address. */
  public SocketAddress address() {
    return address;
  }

  /** The endpoint. */
  public Endpoint endpoint() {
    return endpoint;
  }

  /** Adds a listener for authenticated clients. */
  public void onClientConnected(Consumer<? super kaa.rpc.Channel> listener) {
    clientListeners.add(listener);
  }

  /** The live channels. */
  public List<kaa.rpc.Channel> channels() {
    List<kaa.rpc.Channel> all = new java.util.ArrayList<>();
    for (ChannelControl c : channels) {
      all.add(c.channel());
    }
    return all;
  }

  /** Stops accepting, closes every channel, removes the socket file. Idempotent. */
  public void close() {
    synchronized (channels) {
      if (closed) {
        return;
      }
      closed = true; // from now on no channel joins (see Accept.authenticated)
    }
    listener.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    if (address instanceof UnixDomainSocketAddress) {
      UnixSockets.remove((UnixDomainSocketAddress) address);
    }
    for (ChannelControl channel : channels) {
      channel.close();
    }
    endpoint.shutdown();
    log.info("closed the server on {}", Addresses.describe(address));
  }

  @Override
  public void closeRequested(ChannelControl core) {}

  @Override
  public boolean linkLost(ChannelControl core, RpcException reason) {
    log.debug("{}", reason.getMessage()); // "connection to 127.0.0.1:53122 closed", or why
    return false;
  }

  @Override
  public void closedForGood(ChannelControl core) {
    channels.remove(core);
  }

  /** What happens when a client's handshake ends. */
  private final class Accept implements HandshakeHandler.Outcome {
    @Override
    public void authenticated(ChannelHandlerContext ctx, HandshakeHandler handshake, int peerMaxFrame) {
      Channel io = ctx.channel();
      SocketAddress remote = io.remoteAddress();
      if (remote == null
          || (remote instanceof UnixDomainSocketAddress
              && ((UnixDomainSocketAddress) remote).getPath().toString().isEmpty())) {
        remote = address; // Unix clients are unnamed: name the socket they came through
      }
      ChannelControl core =
          new ChannelControl(endpoint, io.eventLoop(), true, remote, ServerRuntime.this);
      synchronized (channels) {
        if (closed) {
          io.close();
          return;
        }
        channels.add(core);
      }
      boolean listeners = !clientListeners.isEmpty();
      if (!core.attach(handshake, io, peerMaxFrame, !listeners)) {
        return;
      }
      // Accepted: now the client may call. Its calls wait until the listeners have run (off the
      // I/O thread), while calls the listeners make to the client go out at once and their
      // results come back.
      handshake.proveServer();
      if (!listeners) {
        return;
      }
      Runnable runListeners =
          () -> {
            for (Consumer<? super kaa.rpc.Channel> l : clientListeners) {
              try {
                l.accept(core.channel());
              } catch (RuntimeException | Error e) {
                log.warn("onClientConnected listener failed for {}", core.channel(), e);
              }
            }
            core.serveCalls();
          };
      try {
        endpoint.events().execute(runListeners);
      } catch (java.util.concurrent.RejectedExecutionException closing) {
        io.close(); // the server is closing
        core.close();
      }
    }

    @Override
    public void failed(ChannelHandlerContext ctx, RpcException reason) {
      if (reason instanceof kaa.rpc.DisconnectedException) {
        log.debug("{}", reason.getMessage()); // e.g. a probe that connects and leaves
      } else {
        // a wrong secret, a peer that is not kaa-rpc, a TLS failure: one line
        log.warn("rejected client: {}", reason.getMessage());
      }
    }
  }
}
