package kaa.rpc.internal.call;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import kaa.rpc.Channel;
import kaa.rpc.Channel.Status;
import kaa.rpc.RpcException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life cycle of one channel, client or server side: one state, changed only by {@link
 * #transition}, which also tells the listeners (the shape of grpc-java's
 * ConnectivityStateManager). Listeners run in order on a serial executor off the I/O threads.
 *
 * <pre>
 *   CONNECTING ──► CONNECTED ──► RECONNECTING ──► CONNECTED ...
 *        │             │   └──► CLOSING ──► CLOSED
 *        └─────────────┴─────────────────────► CLOSED
 * </pre>
 *
 * A loss is reported once: {@code onDisconnected} listeners run on leaving CONNECTED (for
 * RECONNECTING, or for CLOSED via CLOSING or not) and on CONNECTING → CLOSED (never connected);
 * RECONNECTING → CLOSED was reported already. {@code onConnected} listeners run on entering
 * CONNECTED.
 */
final class Lifecycle {
  private static final Logger log = LoggerFactory.getLogger(Lifecycle.class);

  /** The states; each shows as a public {@link Status}. */
  enum State {
    /** First connection attempt (a server's channel starts CONNECTED). */
    CONNECTING(Status.CONNECTING),
    /** Authenticated. */
    CONNECTED(Status.CONNECTED),
    /** Lost, and the owner reconnects; the loss was reported. */
    RECONNECTING(Status.CONNECTING),
    /** Closed by this end; the connection is still closing. */
    CLOSING(Status.DISCONNECTED),
    /** Closed for good. */
    CLOSED(Status.DISCONNECTED);

    final Status status;

    State(Status status) {
      this.status = status;
    }

    /** True if a transition from this state to {@code to} is allowed. */
    boolean allows(State to) {
      switch (this) {
        case CONNECTING:
          return to == CONNECTED || to == CLOSED;
        case CONNECTED:
          return to == RECONNECTING || to == CLOSING || to == CLOSED;
        case RECONNECTING:
          return to == CONNECTED || to == CLOSED;
        case CLOSING:
          return to == CLOSED;
        default:
          return false;
      }
    }

    /** True if moving from this state to {@code to} reports a loss. */
    boolean reportsLoss(State to) {
      return (to == RECONNECTING || to == CLOSED) && this != RECONNECTING;
    }
  }

  private final Object lock = new Object();
  private final List<Consumer<? super Channel>> connected = new CopyOnWriteArrayList<>();
  private final List<BiConsumer<? super Channel, ? super RpcException>> disconnected =
      new CopyOnWriteArrayList<>();
  private final Executor events;
  private volatile Channel identity;
  private volatile State state;
  private RpcException closeReason;

  Lifecycle(State initial, Executor events) {
    this.state = initial;
    this.events = events;
  }

  /** The channel the listeners are given. */
  void identity(Channel channel) {
    this.identity = channel;
  }

  State state() {
    return state;
  }

  /** Why the channel closed, once CLOSING or CLOSED; else null. */
  RpcException closeReason() {
    synchronized (lock) {
      return closeReason;
    }
  }

  /**
   * Moves to {@code to} if the current state allows it, telling the listeners; {@code reason} is
   * why the connection ended (for RECONNECTING, CLOSING, CLOSED). Returns the state left, or null
   * if the transition is not allowed (nothing changed). {@code whileLocked} runs under the lock,
   * after the change, so that what it does is ordered with other transitions.
   */
  State transition(State to, RpcException reason, Runnable whileLocked) {
    synchronized (lock) {
      State from = state;
      if (!from.allows(to)) {
        return null;
      }
      state = to;
      if ((to == State.CLOSING || to == State.CLOSED) && closeReason == null) {
        closeReason = reason;
      }
      if (to == State.CONNECTED) {
        for (Consumer<? super Channel> l : connected) {
          events.execute(() -> run(() -> l.accept(identity)));
        }
      } else if (from.reportsLoss(to)) {
        RpcException why = to == State.CLOSED && closeReason != null ? closeReason : reason;
        for (BiConsumer<? super Channel, ? super RpcException> l : disconnected) {
          events.execute(() -> run(() -> l.accept(identity, why)));
        }
      }
      if (whileLocked != null) {
        whileLocked.run();
      }
      return from;
    }
  }

  /** Adds a connected listener; runs it now if connected. */
  void onConnected(Consumer<? super Channel> listener) {
    synchronized (lock) {
      connected.add(listener);
      if (state == State.CONNECTED) {
        events.execute(() -> run(() -> listener.accept(identity)));
      }
    }
  }

  /** Adds a disconnected listener; runs it now if closed for good. */
  void onDisconnected(BiConsumer<? super Channel, ? super RpcException> listener) {
    synchronized (lock) {
      disconnected.add(listener);
      if (state == State.CLOSED) {
        RpcException why = closeReason;
        events.execute(() -> run(() -> listener.accept(identity, why)));
      }
    }
  }

  /** Runs a listener, logging what it throws. */
  static void run(Runnable listener) {
    try {
      listener.run();
    } catch (RuntimeException | Error e) {
      log.warn("listener failed", e);
    }
  }
}
