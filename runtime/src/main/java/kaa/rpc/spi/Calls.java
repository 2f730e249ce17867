package kaa.rpc.spi;

import java.util.concurrent.CompletableFuture;
import kaa.rpc.Channel;
import kaa.rpc.internal.call.ProxyCalls;

/**
 * What the methods of generated proxies call. Arguments are passed as an explicit array (never
 * varargs), so an interface method whose only parameter is an array is not misread.
 */
public final class Calls {
  private Calls() {}

  /**
   * Sends {@code method} with {@code args} on {@code channel} and waits, up to the channel's call
   * timeout, for the result.
   *
   * @return the result, an instance of {@link RemoteMethod#resultType()} (null for {@code void})
   * @throws IllegalStateException if called on an I/O thread, where waiting would deadlock
   * @throws kaa.rpc.RpcException if the call fails; a checked exception the method declares
   *     (one of {@link RemoteMethod#exceptions()}) is thrown as itself although this method does
   *     not declare it, so the generated method must declare it (it does: it is the interface's)
   */
  public static <T> T blocking(Channel channel, RemoteMethod method, Object[] args) {
    return ProxyCalls.blocking(channel, method, args);
  }

  /**
   * Sends {@code method} with {@code args} on {@code channel} without waiting.
   *
   * @return a future completed with the result, or failed with the exception the remote method
   *     threw (as its own class if it is declared or a JDK runtime exception) or an {@link
   *     kaa.rpc.RpcException}
   */
  public static <T> CompletableFuture<T> async(Channel channel, RemoteMethod method, Object[] args) {
    return ProxyCalls.async(channel, method, args);
  }
}
