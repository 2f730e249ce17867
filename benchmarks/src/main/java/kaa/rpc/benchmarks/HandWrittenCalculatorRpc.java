package kaa.rpc.benchmarks;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import kaa.rpc.Channel;
import kaa.rpc.spi.Calls;
import kaa.rpc.spi.Dispatcher;
import kaa.rpc.spi.FunctionInfo;
import kaa.rpc.spi.RemoteMethod;

/**
 * What the annotation processor would generate for {@link Calculator} ({@code CalculatorRpc}),
 * written by hand on the {@code kaa.rpc.spi} contract so the benchmarks do not depend on the
 * processor: a blocking proxy, an asynchronous proxy and a dispatcher.
 */
final class HandWrittenCalculatorRpc {
  private static final String SERVICE = "kaa.rpc.benchmarks.Calculator";
  private static final int METHOD_ID_ADD = 0;
  private static final RemoteMethod ADD =
      RemoteMethod.builder(SERVICE, METHOD_ID_ADD, "add")
          .parameter("a", int.class, "int")
          .parameter("b", int.class, "int")
          .returnsValue(Integer.class, "int")
          .build();
  private static final List<FunctionInfo> FUNCTIONS = RemoteMethod.functions(ADD);

  private HandWrittenCalculatorRpc() {}

  /** The asynchronous view of {@link Calculator}, as {@code CalculatorRpc.Async} would be. */
  interface Async {
    CompletableFuture<Integer> add(int a, int b);
  }

  /** A blocking proxy: each call sends and waits for the result. */
  static Calculator proxy(Channel channel) {
    return (a, b) -> Calls.<Integer>blocking(channel, ADD, new Object[] {a, b});
  }

  /** An asynchronous proxy: each call sends and returns a future at once. */
  static Async async(Channel channel) {
    return (a, b) -> Calls.async(channel, ADD, new Object[] {a, b});
  }

  /** The server side: serves {@code add} by calling {@code implementation}. */
  static Dispatcher dispatcher(Calculator implementation) {
    return new Dispatcher() {
      @Override
      public String serviceName() {
        return SERVICE;
      }

      @Override
      public List<FunctionInfo> functions() {
        return FUNCTIONS;
      }

      @Override
      public Object invoke(int function, Channel caller, Object[] args) {
        switch (function) {
          case METHOD_ID_ADD:
            return implementation.add((Integer) args[0], (Integer) args[1]);
          default:
            throw new AssertionError(function);
        }
      }
    };
  }
}
