package kaa.rpc.internal.call;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/**
 * A call from the peer being served: runs the function on the endpoint's executor and hands the
 * result to its {@link Connection}, which encodes it on that thread if it fits in the reply
 * buffer, or holds it until it does. Cancelling interrupts the thread running a blocking
 * function or cancels the stage an asynchronous one returned, and drops the result. One is made
 * for every call served, so its fields are kept to what fits in 40 bytes: what is needed
 * only while a result is held is a {@link Held} of its own.
 */
final class InboundCall implements Runnable, BiConsumer<Object, Throwable> {
  final Connection link;
  final int id;
  final Function function;
  private final Object[] args;
  ByteBuf reply;
  /** The result, while it is held because it did not fit in the reply buffer; else null. */
  Held held;
  /**
   * What runs the call: the thread running a blocking function, then the stage an asynchronous
   * one returned; {@link #CANCELLED} once the peer cancelled it. Guarded by this.
   */
  private volatile Object running;

  /** {@link #running} of a cancelled call. */
  private static final Object CANCELLED = new Object();

  /** A result waiting for room in the reply buffer. */
  static final class Held {
    final Object result;
    /** The size of its frame, or -1 if it was not encoded yet. */
    int size;

    Held(Object result, int size) {
      this.result = result;
      this.size = size;
    }
  }

  InboundCall(Connection link, int id, Function function, Object[] args) {
    this.link = link;
    this.id = id;
    this.function = function;
    this.args = args;
  }

  boolean isCancelled() {
    return running == CANCELLED;
  }

  /** True if its result did not fit in the reply buffer and waits there. */
  boolean isHeld() {
    return held != null;
  }

  @Override
  public void run() {
    boolean cancelledBeforeRun = false;
    synchronized (this) {
      if (running == CANCELLED) {
        cancelledBeforeRun = true;
      } else {
        running = Thread.currentThread();
      }
    }
    if (cancelledBeforeRun) {
      finish(null, null); // no reply, but the connection counts it answered and frees its slot
      return;
    }
    Object result = null;
    Throwable error = null;
    try {
      result = function.dispatcher.invoke(function.index, link.caller(), args);
    } catch (Throwable t) {
      error = t;
    } finally {
      synchronized (this) {
        if (running == CANCELLED) {
          Thread.interrupted(); // our interrupt must not leak into the executor's next task
        } else {
          running = null;
        }
      }
      kaa.rpc.internal.lead.Leads.exitUser(); // on a loop's leader: write the reply from here
    }
    if (error == null && function.isAsync()) {
      if (result == null) {
        error =
            new NullPointerException(
                function.dispatcher.serviceName() + "." + function.info.javaName()
                    + " returned a null CompletionStage");
      } else {
        CompletionStage<?> s = (CompletionStage<?>) result;
        synchronized (this) {
          if (running == CANCELLED) {
            s.toCompletableFuture().cancel(true);
          } else {
            running = s;
          }
        }
        s.whenComplete(this);
        return;
      }
    }
    finish(result, error);
  }

  /** The asynchronous function's stage completed. */
  @Override
  public void accept(Object value, Throwable error) {
    if (error instanceof CompletionException && error.getCause() != null) {
      error = error.getCause();
    }
    finish(value, error);
  }

  private void finish(Object value, Throwable error) {
    link.finish(this, value, error);
  }

  /** The peer cancelled the call (on the event loop). */
  void cancel() {
    Object was;
    synchronized (this) {
      was = running;
      running = CANCELLED;
      if (was instanceof Thread) {
        ((Thread) was).interrupt();
      }
    }
    if (was instanceof CompletionStage) {
      ((CompletionStage<?>) was).toCompletableFuture().cancel(true);
    }
  }
}
