package kaa.rpc.internal.call;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import kaa.rpc.SerializationException;
import kaa.rpc.internal.codec.RemoteError;
import kaa.rpc.spi.ExceptionType;
import kaa.rpc.spi.RemoteMethod;

/**
 * An outgoing call: the future the caller holds, and what the connection needs to send it,
 * time it out and cancel it. Its {@link #state} changes only on the channel's event loop; the rest
 * is safely published through the connection's queue. One is made for every call, so its fields
 * are kept to what fits in 64 bytes: the state, the in-flight slot and the kind of timer share
 * one int.
 */
final class PendingCall extends CompletableFuture<Object>
    implements Runnable, kaa.rpc.internal.lead.Leads.Waiter {
  /** Not yet handled by its connection's event loop. */
  static final int NEW = 0;

  /** Written, awaiting its answer. */
  static final int SENT = 1;

  /** Answered, given up or lost: its connection is done with it. */
  static final int FINISHED = 2;

  private static final int STATE = 3;
  /** The in-flight slot was given back. */
  private static final int RELEASED = 4;
  /** Timed by a timer of its own, not the connection's sweep: its timeout is not the default. */
  private static final int OWN_TIMER = 8;

  private static final AtomicIntegerFieldUpdater<PendingCall> FLAGS =
      AtomicIntegerFieldUpdater.newUpdater(PendingCall.class, "flags");

  final OutgoingCalls calls;
  /** The typed method called, or the function name of an untyped call. */
  private final Object target;
  int id;
  /** The call's timeout in milliseconds (at most {@link Integer#MAX_VALUE}), for its error. */
  private int timeoutMillis;
  /** When the call times out, in {@link System#nanoTime()} terms. */
  long deadline;
  ByteBuf frame;
  volatile Connection link;
  ScheduledFuture<?> timeout;
  /** The state ({@link #NEW}, {@link #SENT}, {@link #FINISHED}), RELEASED and OWN_TIMER. */
  private volatile int flags;
  /** The thread blocked waiting for this call, to unpark when it completes. */
  private volatile Thread waiter;

  PendingCall(OutgoingCalls calls, String name, RemoteMethod method) {
    this.calls = calls;
    this.target = method != null ? method : name;
  }

  /** The typed method called, or null for an untyped call. */
  private RemoteMethod method() {
    return target instanceof RemoteMethod ? (RemoteMethod) target : null;
  }

  /**
   * Sets the call's timeout, counted from now; {@code own} if it is not the channel's default and
   * so gets a timer of its own (before the call is published).
   */
  void limit(long timeoutNanos, boolean own) {
    deadline = System.nanoTime() + timeoutNanos;
    timeoutMillis = (int) Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(timeoutNanos));
    if (own) {
      set(OWN_TIMER);
    }
  }

  /** True if the call is timed by its own timer (see {@link #limit}). */
  boolean ownTimer() {
    return (flags & OWN_TIMER) != 0;
  }

  /** Nanoseconds until the call times out (negative once it has). */
  long nanosLeft() {
    return deadline - System.nanoTime();
  }

  /** Where the connection is with the call: {@link #NEW}, {@link #SENT} or {@link #FINISHED}. */
  int state() {
    return flags & STATE;
  }

  /** Moves the call to {@code state} (event loop). */
  void state(int state) {
    int f;
    do {
      f = flags;
    } while (!FLAGS.compareAndSet(this, f, (f & ~STATE) | state));
  }

  /** Sets {@code bits}; false if they were all set already. */
  private boolean set(int bits) {
    int f;
    do {
      f = flags;
      if ((f & bits) == bits) {
        return false;
      }
    } while (!FLAGS.compareAndSet(this, f, f | bits));
    return true;
  }

  /** A result arrived (on the event loop). */
  void succeed(Object value) {
    RemoteMethod method = method();
    if (method != null && value != null && !method.resultType().isInstance(value)) {
      fail(
          new SerializationException(
              method.describe()
                  + " expects a result of type "
                  + method.resultType().getName()
                  + " but "
                  + calls.peer()
                  + " sent "
                  + value.getClass().getName()));
      return;
    }
    release();
    super.complete(value);
    wake();
  }

  @Override
  public void waiter(Thread thread) {
    waiter = thread;
  }

  private void wake() {
    Thread t = waiter;
    if (t != null) {
      java.util.concurrent.locks.LockSupport.unpark(t);
    }
  }

  /** An error arrived (on the event loop). */
  void failRemote(RemoteError error) {
    RemoteMethod method = method();
    List<ExceptionType> declared = method == null ? List.of() : method.exceptions();
    fail(RemoteErrors.rebuild(error, declared));
  }

  /** Fails the call; true if this completed it. */
  boolean fail(Throwable failure) {
    release();
    boolean completed = super.completeExceptionally(failure);
    wake();
    return completed;
  }

  /**
   * The caller completed the future itself (directly, or through {@code orTimeout} and the
   * like): the call is abandoned as if cancelled.
   */
  @Override
  public boolean complete(Object value) {
    boolean completed = super.complete(value);
    if (completed) {
      release();
      calls.abandon(this);
      wake();
    }
    return completed;
  }

  /** See {@link #complete}. */
  @Override
  public boolean completeExceptionally(Throwable failure) {
    boolean completed = super.completeExceptionally(failure);
    if (completed) {
      release();
      calls.abandon(this);
      wake();
    }
    return completed;
  }

  /** The timeout fired (on the event loop). */
  @Override
  public void run() {
    timeout = null;
    if (fail(calls.timeoutFor(this))) {
      calls.abandon(this);
    }
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    boolean cancelled = super.cancel(mayInterruptIfRunning);
    if (cancelled) {
      release();
      calls.abandon(this);
      wake();
    }
    return cancelled;
  }

  /** Starts the timer of the call's deadline on {@code loop} (on that loop). */
  void armTimeout(io.netty.util.concurrent.EventExecutor loop) {
    if (timeout == null) {
      timeout = loop.schedule(this, deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
    }
  }

  long timeoutMillis() {
    return timeoutMillis;
  }

  void cancelTimeout() {
    if (timeout != null) {
      timeout.cancel(false);
      timeout = null;
    }
  }

  /** For a call that never took an in-flight slot. */
  void markReleased() {
    set(RELEASED);
  }

  /** Gives back the in-flight slot, once. */
  void release() {
    if (set(RELEASED)) {
      calls.callDone();
    }
  }

  String describe() {
    return target instanceof RemoteMethod ? ((RemoteMethod) target).describe() : (String) target;
  }
}
