package kaa.rpc.internal.call;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/**
 * A call from the peer being served: runs the function on the endpoint's executor and hands the
 * result to its {@link Connection}, which encodes it on that thread if it fits in the reply
 * buffer, or holds it until it does. Cancelling interrupts the
 * thread
 * running a blocking function or cancels the stage an asynchronous one returned, and drops the
 * result.
 */
final class InboundCall implements Runnable, BiConsumer<Object, Throwable> {
  final Connection link;
  final int id;
  final Function function;
  private final kaa.rpc.Channel caller;
  private final Object[] args;
  ByteBuf reply;
  /** A result held because it did not fit in the reply buffer (until written). */
  boolean held;
  Object heldResult;
  /** The size of the held result's frame, or -1 if it was not encoded yet. */
  int heldSize = -1;
  private volatile boolean cancelled;
  private Thread runner;
  private CompletionStage<?> stage;

  InboundCall(Connection link, int id, Function function, kaa.rpc.Channel caller, Object[] args) {
    this.link = link;
    this.caller = caller;
    this.id = id;
    this.function = function;
    this.args = args;
  }

  boolean isCancelled() {
    return cancelled;
  }

  @Override
  public void run() {
    synchronized (this) {
      if (cancelled) {
        return;
      }
      runner = Thread.currentThread();
    }
    Object result = null;
    Throwable error = null;
    try {
      result = function.dispatcher.invoke(function.index, caller, args);
    } catch (Throwable t) {
      error = t;
    } finally {
      synchronized (this) {
        runner = null;
        if (cancelled) {
          Thread.interrupted(); // our interrupt must not leak into the executor's next task
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
          stage = s;
          if (cancelled) {
            s.toCompletableFuture().cancel(true);
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
    CompletionStage<?> s;
    synchronized (this) {
      cancelled = true;
      if (runner != null) {
        runner.interrupt();
      }
      s = stage;
    }
    if (s != null) {
      s.toCompletableFuture().cancel(true);
    }
  }
}
