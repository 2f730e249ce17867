package kaa.rpc.internal.call;

import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kaa.rpc.CallOptions;
import kaa.rpc.Channel;
import kaa.rpc.RpcException;
import kaa.rpc.RpcTimeoutException;
import kaa.rpc.internal.lead.Leads;
import kaa.rpc.internal.transport.EventLoops;
import kaa.rpc.spi.RemoteMethod;

/** Implements {@link kaa.rpc.spi.Calls}. */
public final class ProxyCalls {
  private ProxyCalls() {}

  /** See {@link kaa.rpc.spi.Calls#blocking}. */
  public static <T> T blocking(
      Channel channel, CallOptions options, RemoteMethod method, Object[] args) {
    if (EventLoops.onIoThread()) {
      throw new IllegalStateException(
          "blocking call "
              + method.describe()
              + " made on I/O thread "
              + Thread.currentThread().getName()
              + " would deadlock; use the async proxy ("
              + method.service().substring(method.service().lastIndexOf('.') + 1)
              + "Rpc.async) or call it from another thread");
    }
    Objects.requireNonNull(channel, "channel");
    Object caller = Leads.beforeBlockingCall();
    CompletableFuture<Object> call;
    try {
      call = channel.rpc(method, options, args);
    } catch (RuntimeException | Error e) {
      Leads.abandon(caller);
      throw e;
    }
    long timeout =
        call instanceof PendingCall
            ? Math.max(0, ((PendingCall) call).nanosLeft())
            : Long.MAX_VALUE / 2;
    Object result;
    try {
      // The call times out by itself; the extra second only guards against a lost timer. It
      // saturates: a timeout near Long.MAX_VALUE ns (which CallOptions accepts) must not wrap to
      // a negative wait, which would time out at once.
      long wait = timeout + TimeUnit.SECONDS.toNanos(1);
      wait = wait < 0 ? Long.MAX_VALUE : wait;
      if (call instanceof PendingCall) {
        PendingCall pending = (PendingCall) call;
        Leads.await(caller, pending, pending.calls.loop(), pending, wait);
        result = call.get(0, TimeUnit.NANOSECONDS);
      } else {
        Leads.abandon(caller);
        result = call.get(wait, TimeUnit.NANOSECONDS);
      }
    } catch (ExecutionException e) {
      throw sneaky(withLocalTrace(e.getCause()));
    } catch (InterruptedException e) {
      call.cancel(true);
      Thread.currentThread().interrupt();
      throw new RpcException("interrupted while waiting for " + method.describe(), e);
    } catch (TimeoutException e) {
      call.cancel(true);
      throw new RpcTimeoutException(
          Texts.forCall(
              Texts.timedOut(TimeUnit.NANOSECONDS.toMillis(timeout)),
              method.describe(),
              kaa.rpc.internal.transport.Addresses.describe(channel.remoteAddress())),
          e);
    } catch (CancellationException e) {
      throw new RpcException("call " + method.describe() + " was cancelled", e);
    }
    @SuppressWarnings("unchecked") // checked against method.resultType() when it arrived
    T typed = (T) result;
    return typed;
  }

  /** See {@link kaa.rpc.spi.Calls#async}. */
  public static <T> CompletableFuture<T> async(
      Channel channel, CallOptions options, RemoteMethod method, Object[] args) {
    Objects.requireNonNull(channel, "channel");
    CompletableFuture<?> call = channel.rpc(method, options, args);
    @SuppressWarnings("unchecked") // results are checked against method.resultType()
    CompletableFuture<T> typed = (CompletableFuture<T>) call;
    return typed;
  }

  /**
   * Appends the caller's stack to a failure that came from the peer, as RMI does, so the trace
   * shows both where it failed and who called.
   */
  private static Throwable withLocalTrace(Throwable failure) {
    StackTraceElement[] remote = failure.getStackTrace();
    StackTraceElement[] local = new Throwable().getStackTrace();
    StackTraceElement[] both = new StackTraceElement[remote.length + 1 + local.length];
    System.arraycopy(remote, 0, both, 0, remote.length);
    both[remote.length] = new StackTraceElement("<<kaa-rpc remote call>>", "", null, -1);
    System.arraycopy(local, 0, both, remote.length + 1, local.length);
    failure.setStackTrace(both);
    return failure;
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> RuntimeException sneaky(Throwable t) throws E {
    throw (E) t;
  }
}
