package kaa.rpc.spi;

import java.util.concurrent.CompletableFuture;
import kaa.rpc.CallOptions;
import kaa.rpc.Channel;
import kaa.rpc.internal.call.ProxyCalls;

/**
 * What the methods of generated proxies call. Arguments are passed as an explicit array (never
 * varargs), so an interface method whose only parameter is an array is not misread.
 */
public final class Calls {
  private Calls() {}

  /**
   * Sends {@code method} with {@code args} on {@code channel} and waits for the result, up to the
   * timeout of {@code options} or else the channel's call timeout.
   *
   * @return the result, an instance of {@link RemoteMethod#resultType()} (null for {@code void})
   * @throws IllegalStateException if called on an I/O thread, where waiting would deadlock
   * @throws kaa.rpc.RpcException if the call fails; {@link kaa.rpc.RpcTimeoutException} at its
   *     deadline. A checked exception the method declares (one of {@link
   *     RemoteMethod#exceptions()}) is thrown as itself although this method does not declare it,
   *     so the generated method must declare it (it does: it is the interface's)
   */
  public static <T> T blocking(
      Channel channel, CallOptions options, RemoteMethod method, Object[] args) {
    return ProxyCalls.blocking(channel, options, method, args);
  }

  /** {@link #blocking(Channel, CallOptions, RemoteMethod, Object[])} with default options. */
  public static <T> T blocking(Channel channel, RemoteMethod method, Object[] args) {
    return ProxyCalls.blocking(channel, CallOptions.defaults(), method, args);
  }

  /**
   * Sends {@code method} with {@code args} on {@code channel} without waiting; the call times out
   * after the timeout of {@code options}, or else the channel's call timeout.
   *
   * @return a future completed with the result, or failed with the exception the remote method
   *     threw (as its own class if it is declared or a JDK runtime exception) or an {@link
   *     kaa.rpc.RpcException}
   */
  public static <T> CompletableFuture<T> async(
      Channel channel, CallOptions options, RemoteMethod method, Object[] args) {
    return ProxyCalls.async(channel, options, method, args);
  }

  /** {@link #async(Channel, CallOptions, RemoteMethod, Object[])} with default options. */
  public static <T> CompletableFuture<T> async(Channel channel, RemoteMethod method, Object[] args) {
    return ProxyCalls.async(channel, CallOptions.defaults(), method, args);
  }

  /**
   * How a generated proxy describes itself: {@code "CalculatorRpc.proxy(channel)"}, with the
   * options after the channel unless they are the defaults.
   */
  public static String describe(String factory, Channel channel, CallOptions options) {
    return options.equals(CallOptions.defaults())
        ? factory + "(" + channel + ")"
        : factory + "(" + channel + ", " + options + ")";
  }
}
