package kaa.rpc.internal.call;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import kaa.rpc.ArgumentMismatchException;
import kaa.rpc.CallOptions;
import kaa.rpc.Channel;
import kaa.rpc.DisconnectedException;
import kaa.rpc.NoSuchFunctionException;
import kaa.rpc.RpcException;
import kaa.rpc.RpcTimeoutException;
import kaa.rpc.SerializationException;
import kaa.rpc.internal.codec.Message;
import kaa.rpc.internal.transport.Addresses;
import kaa.rpc.spi.ParameterInfo;
import kaa.rpc.spi.RemoteMethod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The implementation of {@link Channel}, shared by a server's channels and a client: outgoing
 * calls, the functions exposed on this channel, listeners and status. The connection itself is a
 * {@link Link}; a reconnecting client gets a new link after each reconnect and keeps this core.
 */
public final class ChannelCore implements Channel {
  /** The name of the built-in introspection function. */
  public static final String FUNCTIONS = "kaa.functions";

  private static final Logger log = LoggerFactory.getLogger(ChannelCore.class);

  /** What the owner (server or client) does when this channel's connection ends. */
  public interface Owner {
    /** The user closed the channel: close the connection and release resources. */
    void closeRequested(ChannelCore core);

    /**
     * The connection was lost; return true if the owner will reconnect (the channel then stays
     * open and queues calls).
     */
    boolean linkLost(ChannelCore core, RpcException reason);

    /** The channel is closed for good and its listeners have been told. */
    void closedForGood(ChannelCore core);
  }

  final Endpoint endpoint;
  private final EventLoop loop;
  private final boolean serverSide;
  private final Owner owner;
  private final FunctionTable functions = new FunctionTable();
  private final AtomicInteger nextId = new AtomicInteger(1);
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Object lock = new Object();
  private final ArrayDeque<PendingCall> queued = new ArrayDeque<>();
  private final List<Consumer<? super Channel>> connectedListeners = new CopyOnWriteArrayList<>();
  private final List<BiConsumer<? super Channel, ? super RpcException>> disconnectedListeners =
      new CopyOnWriteArrayList<>();
  private final SerialExecutor events;
  private final CompletableFuture<Void> firstConnect = new CompletableFuture<>();
  private volatile Link link;
  private volatile Status status = Status.CONNECTING;
  private volatile boolean closed;
  private boolean gone;
  /** A disconnect was reported since the last connect; the next report waits for a connect. */
  private boolean reportedDown;
  private volatile RpcException closeReason; // set before closed, so a reader of closed sees it
  private final SocketAddress remote;
  private volatile Channel facade = this;
  private volatile io.netty.channel.Channel transport;

  /**
   * A channel of {@code endpoint} whose connections run on {@code loop}, talking to {@code
   * remote}.
   */
  public ChannelCore(
      Endpoint endpoint, EventLoop loop, boolean serverSide, SocketAddress remote, Owner owner) {
    this.endpoint = endpoint;
    this.loop = loop;
    this.serverSide = serverSide;
    this.remote = remote;
    this.owner = owner;
    this.events = new SerialExecutor(endpoint.events());
  }

  /** Makes {@code facade} the channel passed to listeners and injected into exposed methods. */
  public void setFacade(Channel facade) {
    this.facade = facade;
  }

  Channel facade() {
    return facade;
  }

  /** The event loop this channel's connections use. */
  public EventLoop loop() {
    return loop;
  }

  /** Completes when first authenticated; fails if closed for good before. */
  public CompletableFuture<Void> firstConnect() {
    return firstConnect;
  }

  String peer() {
    return Addresses.describe(remote);
  }

  // ---- Channel ----

  @Override
  public CompletableFuture<Object> rpc(String name, Object... args) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(args, "args");
    return send(null, name, args, null, defaultTimeoutNanos());
  }

  @Override
  public CompletableFuture<Object> rpcNamed(String name, Map<String, ?> args) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(args, "args");
    return send(null, name, null, args, defaultTimeoutNanos());
  }

  @Override
  public <T> T proxy(Class<T> type) {
    Objects.requireNonNull(type, "type");
    return Generated.proxy(type, facade);
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
    Objects.requireNonNull(listener, "listener");
    boolean now;
    synchronized (lock) {
      connectedListeners.add(listener);
      now = status == Status.CONNECTED;
    }
    if (now) {
      events.execute(() -> runListener(() -> listener.accept(facade)));
    }
  }

  @Override
  public void onDisconnected(BiConsumer<? super Channel, ? super RpcException> listener) {
    Objects.requireNonNull(listener, "listener");
    RpcException reason = null;
    synchronized (lock) {
      disconnectedListeners.add(listener);
      if (closed && status == Status.DISCONNECTED) {
        reason = closeReason; // closed for good, and the listeners were told: tell this one now
      }
    }
    if (reason != null) {
      RpcException why = reason;
      events.execute(() -> runListener(() -> listener.accept(facade, why)));
    }
  }

  @Override
  public Status status() {
    return status;
  }

  @Override
  public SocketAddress remoteAddress() {
    return remote;
  }

  @Override
  public void close() {
    boolean closeNow;
    synchronized (lock) {
      closeNow = !closed;
      if (closeNow) {
        if (closeReason == null) {
          closeReason = new DisconnectedException("channel to " + peer() + " closed by this end");
        }
        closed = true;
      }
    }
    if (closeNow) {
      owner.closeRequested(this);
      io.netty.channel.Channel t = transport;
      if (t != null) {
        t.close();
      }
      if (link == null) {
        // No connection to report its end: finish here.
        goneForGood(closeReason);
      }
    }
  }

  @Override
  public String toString() {
    return (serverSide ? "channel to client " : "channel to ") + peer() + " [" + status + "]";
  }

  // ---- outgoing calls ----

  /** The channel's call timeout, which calls without their own timeout get. */
  long defaultTimeoutNanos() {
    return endpoint.options.callTimeout().toNanos();
  }

  /** The timeout of a call made with {@code options}: theirs, or the channel's. */
  long timeoutNanos(CallOptions options) {
    Objects.requireNonNull(options, "options");
    return options.timeout().isPresent()
        ? options.timeout().get().toNanos()
        : defaultTimeoutNanos();
  }

  /**
   * Sends a call of a generated proxy's {@code method} that fails with {@link
   * RpcTimeoutException} {@code timeoutNanos} from now; the future is the {@link PendingCall}.
   * Never throws for call failures.
   */
  PendingCall send(RemoteMethod method, Object[] args, long timeoutNanos) {
    return send(method, method.name(), args, null, timeoutNanos);
  }

  /** Sends a call; the future is the {@link PendingCall}. Never throws for call failures. */
  private PendingCall send(
      RemoteMethod method, String name, Object[] args, Map<String, ?> named, long timeoutNanos) {
    PendingCall call = new PendingCall(this, name, method, timeoutNanos);
    if (closed) {
      call.markReleased();
      call.completeExceptionally(closedFailure(call));
      return call;
    }
    int max = endpoint.options.maxCallsInFlight();
    if (inFlight.incrementAndGet() > max) {
      inFlight.decrementAndGet();
      call.markReleased();
      call.completeExceptionally(
          new RpcException(
              "call "
                  + call.describe()
                  + " not sent: "
                  + max
                  + " calls already in flight on the channel to "
                  + peer()
                  + " (Options.maxCallsInFlight)"));
      return call;
    }
    call.deadline = System.nanoTime() + timeoutNanos;
    int id = nextId.getAndIncrement();
    call.id = id;
    try {
      ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;
      call.frame =
          named == null
              ? endpoint.messages.call(alloc, id, name, args)
              : endpoint.messages.namedCall(alloc, id, name, named);
    } catch (SerializationException e) {
      call.fail(
          new SerializationException("call " + call.describe() + " not sent: " + e.getMessage(), e));
      return call;
    }
    Link current = link;
    if (current == null) {
      synchronized (lock) {
        current = link;
        if (current == null) {
          if (closed) {
            call.frame.release();
            call.frame = null;
            call.fail(closedFailure(call));
          } else {
            queued.add(call);
            call.timeout = loop.schedule(call, call.deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
          }
          return call;
        }
      }
    }
    if (call.ownTimer) {
      // The connection's sweep runs at the pace of the channel's timeout: a call with its own
      // deadline gets its own timer, so it times out at that deadline, not a tick later.
      call.timeout = loop.schedule(call, call.deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
    }
    current.offer(call);
    return call;
  }

  /** A call gave up (cancel or timeout, any thread): stop tracking it, tell the peer if sent. */
  void abandon(PendingCall call) {
    Link l = call.link;
    if (l != null) {
      l.enqueue(call);
      return;
    }
    synchronized (lock) {
      if (queued.remove(call)) {
        call.cancelTimeout();
        if (call.frame != null) {
          call.frame.release();
          call.frame = null;
        }
        return;
      }
      l = call.link; // raced with linkUp, which offered it meanwhile
    }
    if (l != null) {
      l.enqueue(call);
    }
  }

  void callDone() {
    inFlight.decrementAndGet();
  }

  RpcTimeoutException timeoutFor(PendingCall call) {
    return new RpcTimeoutException(
        "call "
            + call.describe()
            + " to "
            + peer()
            + " timed out after "
            + TimeUnit.NANOSECONDS.toMillis(call.timeoutNanos)
            + " ms");
  }

  // ---- incoming calls (event loop) ----

  void serve(Link from, Message.Call call) {
    Function function = functions.get(call.name());
    if (function == null) {
      function = endpoint.functions.get(call.name());
    }
    if (function == null) {
      if (FUNCTIONS.equals(call.name())) {
        from.replyNow(call.id(), describeFunctions(), null);
      } else {
        from.replyNow(
            call.id(),
            null,
            new NoSuchFunctionException(
                "no function \"" + call.name() + "\" is exposed to this caller"));
      }
      return;
    }
    if (call.failure() != null) {
      from.replyNow(call.id(), null, call.failure());
      return;
    }
    Object[] args;
    try {
      args = function.bind(call.values(), call.names());
    } catch (ArgumentMismatchException e) {
      from.replyNow(call.id(), null, e);
      return;
    }
    InboundCall inbound = new InboundCall(from, call.id(), function, args);
    from.startRunning(inbound);
    try {
      endpoint.executor.execute(inbound);
    } catch (RejectedExecutionException e) {
      from.stopRunning(inbound);
      from.replyNow(
          call.id(), null, new RpcException("cannot run " + call.name() + ": the executor rejected it", e));
    }
  }

  /** The answer of {@value #FUNCTIONS}: every function this peer may call, by name. */
  private List<Object> describeFunctions() {
    Map<String, Function> all = new java.util.TreeMap<>();
    for (Function f : endpoint.functions.all()) {
      all.put(f.info.name(), f);
    }
    for (Function f : functions.all()) {
      all.put(f.info.name(), f);
    }
    List<Object> list = new ArrayList<>();
    for (Function f : all.values()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("name", f.info.name());
      List<Object> params = new ArrayList<>();
      for (ParameterInfo p : f.info.parameters()) {
        Map<String, Object> param = new LinkedHashMap<>();
        param.put("name", p.name());
        param.put("type", p.typeName());
        params.add(param);
      }
      entry.put("parameters", params);
      entry.put("returns", f.info.returnType());
      entry.put("service", f.dispatcher.serviceName());
      list.add(entry);
    }
    return list;
  }

  // ---- connection life cycle (event loop) ----

  private void linkUp(Link up) {
    synchronized (lock) {
      if (closed) {
        up.close();
        return;
      }
      link = up;
      status = Status.CONNECTED;
      reportedDown = false;
      PendingCall call;
      while ((call = queued.poll()) != null) {
        up.offer(call);
      }
      for (Consumer<? super Channel> l : connectedListeners) {
        events.execute(() -> runListener(() -> l.accept(facade)));
      }
    }
    firstConnect.complete(null);
  }

  /**
   * Puts a new connection that just authenticated into service: the call handler takes the place
   * of {@code handshake}, queued calls are sent and the listeners told. Incoming calls are served
   * at once if {@code serve}, else from {@link #serveCalls} on (a server, after
   * onClientConnected); results of this end's own calls are taken at once either way. Call on
   * the connection's event loop. Returns false if the connection closed meanwhile.
   */
  public boolean attach(
      kaa.rpc.internal.auth.HandshakeHandler handshake,
      io.netty.channel.Channel io,
      int peerMaxFrame,
      boolean serve) {
    transport = io;
    if (!io.isActive()) {
      RpcException reason =
          new DisconnectedException("connection to " + peer() + " closed while it was set up");
      attemptFailed(reason, !closed && owner.linkLost(this, reason));
      return false;
    }
    Link up = new Link(this, endpoint.messages, peerMaxFrame, serverSide);
    handshake.finish(up);
    linkUp(up); // connected before the first incoming call is served
    if (serve) {
      up.startServing();
    }
    return true;
  }

  /** Starts serving incoming calls on the current connection (any thread). */
  public void serveCalls() {
    Link current = link;
    if (current != null) {
      current.startServingLater();
    }
  }



  /** The connection of {@code lost} ended. */
  void linkLost(Link lost, RpcException reason) {
    boolean retry;
    synchronized (lock) {
      if (link != lost) {
        return;
      }
      link = null;
      retry = !closed && owner.linkLost(this, reason);
      status = retry ? Status.CONNECTING : Status.DISCONNECTED;
      fire(reason);
      if (!retry) {
        if (closeReason == null) {
          closeReason = reason;
        }
        closed = true;
      }
    }
    if (!retry) {
      goneForGood(closeReason);
    }
  }

  /** A connection attempt failed before authenticating; {@code retry} if another will follow. */
  public void attemptFailed(RpcException reason, boolean retry) {
    if (retry && !closed) {
      return; // a failed attempt is not a transition
    }
    synchronized (lock) {
      if (!closed) {
        closeReason = reason;
        closed = true;
      }
    }
    goneForGood(reason);
  }

  private void goneForGood(RpcException reason) {
    List<PendingCall> failed;
    synchronized (lock) {
      if (gone) {
        return;
      }
      gone = true;
      fire(reason); // unless this loss was reported already
      status = Status.DISCONNECTED;
      failed = new ArrayList<>(queued);
      queued.clear();
    }
    owner.closedForGood(this);
    for (PendingCall call : failed) {
      call.cancelTimeout();
      if (call.frame != null) {
        call.frame.release();
        call.frame = null;
      }
      call.fail(copyFor(reason, call));
    }
    firstConnect.completeExceptionally(reason);
  }

  /** Why a call on a channel closed for good fails: the reason it closed, if known. */
  private RpcException closedFailure(PendingCall call) {
    RpcException reason = closeReason;
    return reason != null
        ? copyFor(reason, call)
        : new DisconnectedException("call " + call.describe() + ": channel to " + peer() + " is closed");
  }

  /** A per-call copy of a connection failure, of the same class, so each caller gets its own. */
  private static RpcException copyFor(RpcException reason, PendingCall call) {
    String message = "call " + call.describe() + " failed: " + reason.getMessage();
    if (reason instanceof kaa.rpc.AuthenticationException) {
      return new kaa.rpc.AuthenticationException(reason.getMessage(), reason);
    }
    if (reason instanceof kaa.rpc.ProtocolException) {
      return new kaa.rpc.ProtocolException(message, reason);
    }
    return new DisconnectedException(message, reason);
  }

  /** Under {@link #lock}: runs the disconnect listeners, once per loss. */
  private void fire(RpcException reason) {
    if (reportedDown) {
      return;
    }
    reportedDown = true;
    for (BiConsumer<? super Channel, ? super RpcException> l : disconnectedListeners) {
      events.execute(() -> runListener(() -> l.accept(facade, reason)));
    }
  }

  /** Runs a listener, logging what it throws. */
  static void runListener(Runnable listener) {
    try {
      listener.run();
    } catch (RuntimeException | Error e) {
      log.warn("listener failed", e);
    }
  }

  /** True once closed for good. */
  public boolean isClosed() {
    return closed;
  }
}
