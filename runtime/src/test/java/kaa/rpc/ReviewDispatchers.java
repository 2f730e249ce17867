package kaa.rpc;

import java.util.List;
import kaa.rpc.spi.Dispatcher;
import kaa.rpc.spi.FunctionInfo;
import kaa.rpc.spi.FunctionInfo.Kind;
import kaa.rpc.spi.ParameterInfo;

/** add(int,int) and echo(Object), hand-written as the processor would generate them. */
final class ReviewDispatchers implements Dispatcher {
  @Override
  public String serviceName() {
    return "review.Calc";
  }

  @Override
  public List<FunctionInfo> functions() {
    return List.of(
        FunctionInfo.of(
            "add", "add", "int", Kind.VALUE,
            new ParameterInfo("a", int.class, "int"), new ParameterInfo("b", int.class, "int")),
        FunctionInfo.of(
            "echo", "echo", "java.lang.Object", Kind.VALUE,
            new ParameterInfo("value", Object.class, "java.lang.Object")));
  }

  @Override
  public Object invoke(int function, Channel caller, Object[] args) {
    switch (function) {
      case 0:
        return (Integer) args[0] + (Integer) args[1];
      case 1:
        return args[0];
      default:
        throw new AssertionError(function);
    }
  }
}
