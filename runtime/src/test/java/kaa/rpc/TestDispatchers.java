package kaa.rpc;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import kaa.rpc.spi.Dispatcher;
import kaa.rpc.spi.FunctionInfo;
import kaa.rpc.spi.FunctionInfo.Kind;
import kaa.rpc.spi.ParameterInfo;

/** Hand-written dispatchers, as the processor would generate them, for runtime tests. */
final class TestDispatchers {
  private TestDispatchers() {}

  /** add(int a, int b), echo(Object value), fail(String message), sleep(long millis), slowAsync(long millis). */
  static final class Calculator implements Dispatcher {
    final CountDownLatch sleeping = new CountDownLatch(1);
    /** Counted down when sleep is interrupted (the peer cancelled the call). */
    final CountDownLatch interrupted = new CountDownLatch(1);
    final CompletableFuture<Object> lastStage = new CompletableFuture<>();

    @Override
    public String serviceName() {
      return "test.Calculator";
    }

    @Override
    public List<FunctionInfo> functions() {
      return List.of(
          FunctionInfo.of(
              "add",
              "add",
              "int",
              Kind.VALUE,
              new ParameterInfo("a", int.class, "int"),
              new ParameterInfo("b", int.class, "int")),
          FunctionInfo.of("echo", "echo", "java.lang.Object", Kind.VALUE, new ParameterInfo("value", Object.class, "java.lang.Object")),
          FunctionInfo.of("fail", "fail", "void", Kind.VOID, new ParameterInfo("message", String.class, "java.lang.String")),
          FunctionInfo.of("sleep", "sleep", "void", Kind.VOID, new ParameterInfo("millis", long.class, "long")),
          FunctionInfo.of("slowAsync", "slowAsync", "java.util.concurrent.CompletionStage<java.lang.String>", Kind.ASYNC));
    }

    @Override
    public Object invoke(int function, Channel caller, Object[] args) throws Exception {
      switch (function) {
        case 0:
          return (Integer) args[0] + (Integer) args[1];
        case 1:
          return args[0];
        case 2:
          throw new IllegalStateException((String) args[0]);
        case 3:
          sleeping.countDown();
          try {
            Thread.sleep((Long) args[0]);
          } catch (InterruptedException e) {
            interrupted.countDown();
            throw e;
          }
          return null;
        case 4:
          return lastStage;
        default:
          throw new AssertionError(function);
      }
    }
  }

  /** The body of a one-function test dispatcher. */
  interface Body {
    Object call(Channel caller, Object[] args) throws Exception;
  }

  /** A dispatcher serving one function {@code name} with {@code parameters}, run by {@code body}. */
  static Dispatcher function(String name, Body body, ParameterInfo... parameters) {
    List<FunctionInfo> functions =
        List.of(FunctionInfo.of(name, name, "java.lang.Object", Kind.VALUE, parameters));
    return new Dispatcher() {
      @Override
      public String serviceName() {
        return "test." + name;
      }

      @Override
      public List<FunctionInfo> functions() {
        return functions;
      }

      @Override
      public Object invoke(int function, Channel caller, Object[] args) throws Exception {
        return body.call(caller, args);
      }
    };
  }

  /** A dispatcher with one function {@code name} returning {@code value}. */
  static Dispatcher constant(String name, Object value) {
    return function(name, (caller, args) -> value);
  }
}
