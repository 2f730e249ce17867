package kaa.rpc.internal.call;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/**
 * A call from the peer being served: runs the function on the endpoint's executor, encodes the
 * result on that thread, and hands the frame to its {@link Connection}. Cancelling interrupts the
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
    link.reply(this, cancelled ? null : link.encodeReply(id, value, error));
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
