package kaa.rpc.internal.call;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
final class PendingCall extends CompletableFuture<Object> implements Runnable {
  static final int NEW = 0;
  static final int SENT = 1;
  static final int FINISHED = 2;

  private static final AtomicIntegerFieldUpdater<PendingCall> RELEASED =
      AtomicIntegerFieldUpdater.newUpdater(PendingCall.class, "released");

  final ChannelCore core;
  final String name;
  final RemoteMethod method;
  /** How long the call may take, for the timeout's message. */
  final long timeoutNanos;
  /**
   * The call's timeout differs from the channel's, so {@link #timeout} times it out at its
   * deadline even once sent (the connection's sweep would only find it a tick late).
   */
  final boolean ownTimer;
  int id;
  /** When the call times out, in {@link System#nanoTime()} terms. */
  long deadline;
  ByteBuf frame;
  volatile Link link;
  ScheduledFuture<?> timeout;
  int state = NEW;
  private volatile int released;

  PendingCall(ChannelCore core, String name, RemoteMethod method, long timeoutNanos) {
    this.core = core;
    this.name = name;
    this.method = method;
    this.timeoutNanos = timeoutNanos;
    this.ownTimer = timeoutNanos != core.defaultTimeoutNanos();
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
                  + core.peer()
                  + " sent "
                  + value.getClass().getName()));
      return;
    }
    release();
    super.complete(value);
  }

  /** An error arrived (on the event loop). */
  void failRemote(RemoteError error) {
    List<ExceptionType> declared = method == null ? List.of() : method.exceptions();
    fail(RemoteErrors.rebuild(error, declared));
  }

  /** Fails the call; true if this completed it. */
  boolean fail(Throwable failure) {
    release();
    return super.completeExceptionally(failure);
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
      core.abandon(this);
    }
    return completed;
  }

  /** See {@link #complete}. */
  @Override
  public boolean completeExceptionally(Throwable failure) {
    boolean completed = super.completeExceptionally(failure);
    if (completed) {
      release();
      core.abandon(this);
    }
    return completed;
  }

  /** The timeout fired (on the event loop). */
  @Override
  public void run() {
    timeout = null;
    if (fail(core.timeoutFor(this))) {
      core.abandon(this);
    }
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    boolean cancelled = super.cancel(mayInterruptIfRunning);
    if (cancelled) {
      release();
      core.abandon(this);
    }
    return cancelled;
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
      core.callDone();
    }
  }

  String describe() {
    return method != null ? method.describe() : name;
  }
}
