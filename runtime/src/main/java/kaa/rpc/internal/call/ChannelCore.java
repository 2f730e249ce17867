package kaa.rpc.internal.call;

import io.netty.channel.EventLoop;
import java.net.SocketAddress;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import kaa.rpc.CallOptions;
import kaa.rpc.Channel;
import kaa.rpc.DisconnectedException;
import kaa.rpc.Options;
import kaa.rpc.RpcException;
import kaa.rpc.internal.auth.HandshakeHandler;
import kaa.rpc.internal.call.Lifecycle.State;
import kaa.rpc.internal.transport.Addresses;
import kaa.rpc.spi.RemoteMethod;

/**
 * The implementation of {@link Channel}, for a server's channels and a client alike; its owner
 * drives it through its {@link ChannelControl}, and nothing else of it is public. It joins the
 * pieces of one channel: its {@link Lifecycle}, the calls it makes ({@link OutgoingCalls}), the
 * calls it serves ({@link IncomingCalls}) and the current {@link Connection}. A reconnecting
 * client gets a new connection after each reconnect and keeps the rest.
 */
public final class ChannelCore implements Channel {
  final Endpoint endpoint;
  private final EventLoop loop;
  private final boolean serverSide;
  private final ChannelControl control;
  private final ChannelControl.Owner owner;
  private final SocketAddress remote;
  private final String peer;
  private final FunctionTable functions = new FunctionTable();
  private final Lifecycle life;
  private final OutgoingCalls out;
  private final IncomingCalls in;
  private final CompletableFuture<Void> firstConnect = new CompletableFuture<>();
  private volatile Channel identity = this;
  private volatile Connection link;
  private volatile io.netty.channel.Channel transport;

  /**
   * A channel of {@code endpoint} whose connections run on {@code loop}, talking to {@code
   * remote}.
   */
  ChannelCore(
      Endpoint endpoint,
      EventLoop loop,
      boolean serverSide,
      SocketAddress remote,
      ChannelControl control,
      ChannelControl.Owner owner) {
    this.control = control;
    this.endpoint = endpoint;
    this.loop = loop;
    this.serverSide = serverSide;
    this.remote = remote;
    this.peer = Addresses.describe(remote);
    this.owner = owner;
    Options options = endpoint.options;
    this.life = new Lifecycle(State.CONNECTING, new SerialExecutor(endpoint.events()));
    this.out =
        new OutgoingCalls(
            endpoint.messages,
            loop,
            peer,
            options.maxCallsInFlight(),
            options.callTimeout().toNanos());
    this.in = new IncomingCalls(functions, endpoint.functions, endpoint.executor, endpoint.runOnLeader);
    identity(this);
  }

  /** Makes {@code channel} the channel passed to listeners and exposed methods. */
  void identity(Channel channel) {
    this.identity = channel;
    life.identity(channel);
    in.identity(channel);
  }

  /** The event loop this channel's connections use. */
  EventLoop loop() {
    return loop;
  }

  /** Completes when first authenticated; fails if closed for good before. */
  CompletableFuture<Void> firstConnect() {
    return firstConnect;
  }

  String peer() {
    return peer;
  }

  // ---- Channel ----

  @Override
  public CompletableFuture<Object> rpc(String name, Object... args) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(args, "args");
    return out.send(null, name, args, null, 0);
  }

  @Override
  public CompletableFuture<Object> rpcNamed(String name, Map<String, ?> args) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(args, "args");
    return out.send(null, name, null, args, 0);
  }

  /** The future is the {@link PendingCall}; never throws for call failures. */
  @Override
  public CompletableFuture<Object> rpc(RemoteMethod method, CallOptions options, Object[] args) {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(args, "args");
    return out.send(method, method.name(), args, null, timeoutNanos(options));
  }

  /** The channel's call timeout. */
  long defaultTimeoutNanos() {
    return out.defaultTimeoutNanos();
  }

  /** The timeout of a call made with {@code options}: theirs, or the channel's. */
  long timeoutNanos(CallOptions options) {
    Objects.requireNonNull(options, "options");
    return options.timeout().isPresent()
        ? options.timeout().get().toNanos()
        : out.defaultTimeoutNanos();
  }

  @Override
  public <T> T proxy(Class<T> type) {
    Objects.requireNonNull(type, "type");
    return Generated.proxy(type, identity);
  }

  @Override
  public void connect(Object implementation) {
    functions.add(implementation);
  }

  @Override
  public void disconnect(Object implementation) {
    functions.remove(Objects.requireNonNull(implementation, "implementation"));
  }

  @Override
  public void onConnected(Consumer<? super Channel> listener) {
    life.onConnected(Objects.requireNonNull(listener, "listener"));
  }

  @Override
  public void onDisconnected(BiConsumer<? super Channel, ? super RpcException> listener) {
    life.onDisconnected(Objects.requireNonNull(listener, "listener"));
  }

  @Override
  public Status status() {
    return life.state().status;
  }

  @Override
  public SocketAddress remoteAddress() {
    return remote;
  }

  @Override
  public void close() {
    RpcException reason = new DisconnectedException(Texts.closedByThisEnd(peer));
    if (life.transition(State.CLOSING, reason, null) != null) {
      out.close(life.closeReason()); // the connection's end finishes the close
    } else if (life.transition(State.CLOSED, reason, null) != null) {
      goneForGood();
    } else {
      return; // closed already
    }
    owner.closeRequested(control);
    io.netty.channel.Channel t = transport;
    if (t != null) {
      t.close();
    }
  }

  @Override
  public String toString() {
    return (serverSide ? "channel to client " : "channel to ") + peer + " [" + status() + "]";
  }

  /** True once closed or closing for good. */
  boolean isClosed() {
    State s = life.state();
    return s == State.CLOSING || s == State.CLOSED;
  }

  // ---- connection life cycle (event loop) ----

  /**
   * Puts a connection that just authenticated into service: keep-alive, the message codec and the
   * call handler take the handshake's place, queued calls are sent and the listeners told.
   * Incoming calls are served at once if {@code serve}, else from {@link #serveCalls} on (a
   * server, after onClientConnected); results of this end's own calls are taken at once either
   * way. Call on the connection's event loop. Returns false if the connection closed meanwhile.
   */
  boolean attach(
      HandshakeHandler handshake, io.netty.channel.Channel io, int peerMaxFrame, boolean serve) {
    transport = io;
    if (!io.isActive()) {
      RpcException reason =
          new DisconnectedException("connection to " + peer + " closed while it was set up");
      attemptFailed(reason, !isClosed() && owner.linkLost(control, reason));
      return false;
    }
    Options options = endpoint.options;
    Replies replies = new Replies(endpoint.messages, peerMaxFrame, peer);
    Connection up =
        new Connection(
            this,
            in,
            replies,
            options.maxInboundCalls(),
            options.maxBufferedReplyBytes(),
            serverSide);
    if (!options.keepAliveInterval().isZero()) {
      io.pipeline()
          .addBefore(
              "frames",
              "keepalive",
              new KeepAlive(
                  options.keepAliveInterval().toMillis(),
                  options.keepAliveTimeout().toMillis(),
                  peer));
    }
    io.pipeline().addAfter("handshake", "connection", up);
    // The codec takes the handshake's place, before "connection".
    MessageCodec codec = new MessageCodec(endpoint.messages, peer, up.reader());
    handshake.finish(codec, codec);
    State from = life.transition(State.CONNECTED, null, () -> {
      link = up;
      out.connected(up);
    });
    if (from == null) {
      up.close(); // closed meanwhile
      return false;
    }
    firstConnect.complete(null);
    if (serve) {
      up.startServing();
    }
    return true;
  }

  /** Starts serving incoming calls on the current connection (any thread). */
  void serveCalls() {
    Connection current = link;
    if (current != null) {
      current.startServingLater();
    }
  }

  /** The connection {@code lost} ended (its event loop). */
  void linkLost(Connection lost, RpcException reason) {
    if (link != lost) {
      return;
    }
    link = null;
    out.disconnected(lost);
    boolean retry = life.state() == State.CONNECTED && owner.linkLost(control, reason);
    if (retry && life.transition(State.RECONNECTING, reason, null) != null) {
      return;
    }
    if (life.transition(State.CLOSED, reason, null) != null) {
      goneForGood();
    }
  }

  /** A connection attempt failed before authenticating; {@code retry} if another will follow. */
  void attemptFailed(RpcException reason, boolean retry) {
    if (retry && !isClosed()) {
      return; // a failed attempt is not a transition
    }
    if (life.transition(State.CLOSED, reason, null) != null) {
      goneForGood();
    }
  }

  private void goneForGood() {
    RpcException reason = life.closeReason();
    out.close(reason);
    owner.closedForGood(control);
    firstConnect.completeExceptionally(reason);
  }
}
