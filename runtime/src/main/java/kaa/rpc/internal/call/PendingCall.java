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
 * time it out and cancel it. Its {@link #state} is confined to the channel's event loop; the rest
 * is safely published through the connection's queue.
 */
final class PendingCall extends CompletableFuture<Object>
    implements Runnable, kaa.rpc.internal.lead.Leads.Waiter {
  static final int NEW = 0;
  static final int SENT = 1;
  static final int FINISHED = 2;

  private static final AtomicIntegerFieldUpdater<PendingCall> RELEASED =
      AtomicIntegerFieldUpdater.newUpdater(PendingCall.class, "released");

  final OutgoingCalls calls;
  final String name;
  final RemoteMethod method;
  int id;
  /** The call's own timeout, and when it passes, in {@link System#nanoTime()} terms. */
  long timeoutNanos;
  long deadline;
  ByteBuf frame;
  volatile Connection link;
  ScheduledFuture<?> timeout;
  int state = NEW;
  private volatile int released;
  /** The thread blocked waiting for this call, to unpark when it completes. */
  private volatile Thread waiter;

  PendingCall(OutgoingCalls calls, String name, RemoteMethod method) {
    this.calls = calls;
    this.name = name;
    this.method = method;
  }

  /** A result arrived (on the event loop). */
  void succeed(Object value) {
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
    return TimeUnit.NANOSECONDS.toMillis(timeoutNanos);
  }

  void cancelTimeout() {
    if (timeout != null) {
      timeout.cancel(false);
      timeout = null;
    }
  }

  /** For a call that never took an in-flight slot. */
  void markReleased() {
    released = 1;
  }

  /** Gives back the in-flight slot, once. */
  void release() {
    if (RELEASED.compareAndSet(this, 0, 1)) {
      calls.callDone();
    }
  }

  String describe() {
    return method != null ? method.describe() : name;
  }
}
