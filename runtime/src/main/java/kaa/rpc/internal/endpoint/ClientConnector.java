package kaa.rpc.internal.endpoint;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import kaa.rpc.AuthenticationException;
import kaa.rpc.DisconnectedException;
import kaa.rpc.Options;
import kaa.rpc.RpcException;
import kaa.rpc.internal.auth.HandshakeHandler;
import kaa.rpc.internal.call.ChannelControl;
import kaa.rpc.internal.call.Endpoint;
import kaa.rpc.internal.transport.Addresses;
import kaa.rpc.internal.transport.Tls;
import kaa.rpc.internal.transport.ThreadReadBuffers;
import kaa.rpc.internal.transport.Transports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The implementation of {@link kaa.rpc.Client}: connects and authenticates in the background,
 * and, if a reconnect interval is set, again after every loss until closed. All of its state
 * changes happen on the channel's event loop.
 */
public final class ClientConnector implements ChannelControl.Owner, HandshakeHandler.Outcome {
  private static final Logger log = LoggerFactory.getLogger(ClientConnector.class);
  private final Endpoint endpoint;
  private final SocketAddress address;
  private final ChannelControl core;
  private final Bootstrap bootstrap;
  private final Duration reconnect;

  /** Starts connecting to {@code address} at once; returns without waiting. */
  public ClientConnector(SocketAddress address, byte[] secret, Options options) {
    this.address = Addresses.check(address);
    Tls.check(options.sslContext(), true);
    this.endpoint = new Endpoint(options, secret);
    this.reconnect = options.reconnectInterval();
    EventLoop loop = endpoint.clientGroup().next();
    this.core = new ChannelControl(endpoint, loop, false, address, this);
    long connectMillis = Math.max(1, Math.min(Integer.MAX_VALUE, options.handshakeTimeout().toMillis()));
    this.bootstrap =
        new Bootstrap()
            .group(loop)
            .channelFactory(Transports.client(address))
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectMillis)
            .option(ChannelOption.WRITE_BUFFER_WATER_MARK, ServerRuntime.WATER_MARK)
            .option(ChannelOption.RECVBUF_ALLOCATOR, new ThreadReadBuffers())
            .handler(
                new ConnectionInitializer(true, address, endpoint, this));
    loop.execute(this::attempt);
  }

  /** The channel. */
  public ChannelControl core() {
    return core;
  }

  /** Completes when first authenticated. */
  public CompletableFuture<Void> connected() {
    return core.firstConnect();
  }

  private void attempt() {
    if (core.isClosed()) {
      return;
    }
    ChannelFuture connecting = bootstrap.connect(address);
    connecting.addListener(
        f -> {
          if (!f.isSuccess()) {
            Throwable cause = f.cause();
            String why =
                cause instanceof java.net.UnknownHostException
                    ? "unknown host " + cause.getMessage()
                    : String.valueOf(cause.getMessage());
            failedAttempt(
                new DisconnectedException(
                    "cannot connect to " + Addresses.describe(address) + ": " + why, cause));
          } else if (core.isClosed()) {
            connecting.channel().close();
          } else {
            log.debug("connected to {}", Addresses.describe(address));
          }
        });
  }

  private void failedAttempt(RpcException reason) {
    boolean retry = willRetry(reason);
    if (log.isDebugEnabled()) {
      log.debug(
          "{}{}", reason.getMessage(), retry ? "; retrying in " + reconnect.toMillis() + " ms" : "");
    }
    if (retry) {
      scheduleAttempt();
    }
    core.attemptFailed(reason, retry);
  }

  private boolean willRetry(RpcException reason) {
    return reconnect != null && !core.isClosed() && !(reason instanceof AuthenticationException);
  }

  private void scheduleAttempt() {
    core.loop().schedule(this::attempt, reconnect.toNanos(), TimeUnit.NANOSECONDS);
  }

  // ---- handshake outcome ----

  @Override
  public void authenticated(ChannelHandlerContext ctx, HandshakeHandler handshake, int peerMaxFrame) {
    core.attach(handshake, ctx.channel(), peerMaxFrame, true);
  }

  @Override
  public void failed(ChannelHandlerContext ctx, RpcException reason) {
    failedAttempt(reason);
  }

  // ---- channel owner ----

  @Override
  public void closeRequested(ChannelControl channel) {}

  @Override
  public boolean linkLost(ChannelControl channel, RpcException reason) {
    boolean retry = willRetry(reason);
    if (log.isDebugEnabled()) {
      log.debug(
          "{}{}",
          reason.getMessage(),
          retry ? "; reconnecting in " + reconnect.toMillis() + " ms" : "");
    }
    if (retry) {
      scheduleAttempt();
    }
    return retry;
  }

  @Override
  public void closedForGood(ChannelControl channel) {
    endpoint.shutdown();
  }
}
