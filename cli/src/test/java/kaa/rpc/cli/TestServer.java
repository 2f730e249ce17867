package kaa.rpc.cli;

import java.net.InetSocketAddress;
import java.time.LocalDate;
import java.util.List;
import kaa.rpc.Channel;
import kaa.rpc.Options;
import kaa.rpc.Server;
import kaa.rpc.spi.Dispatcher;
import kaa.rpc.spi.FunctionInfo;
import kaa.rpc.spi.FunctionInfo.Kind;
import kaa.rpc.spi.ParameterInfo;

/** A real kaa-rpc server exposing {@link Calculator}, for the tool to list and call. */
final class TestServer implements AutoCloseable {
  static final String SECRET = "s3cret";

  /** A type the server registers and the tool does not, so the tool refuses it in a result. */
  record Token(String value) {}

  /** Thrown by {@code failCustom}: not a JDK class, so it arrives as a RemoteException. */
  static final class QuotaExceeded extends Exception {
    private static final long serialVersionUID = 1L;

    QuotaExceeded(String message) {
      super(message);
    }
  }

  private final Server server;

  /** Listens on {@code address} ("127.0.0.1:0" or a socket path). */
  TestServer(String address) {
    server = new Server(address, SECRET, Options.builder().registerTypes(Token.class).build());
    server.connect(new Calculator());
  }

  /** The address to pass to the tool. */
  String address() {
    if (server.address() instanceof InetSocketAddress inet) {
      return "127.0.0.1:" + inet.getPort();
    }
    return server.address().toString();
  }

  @Override
  public void close() {
    server.close();
  }

  /** A hand-written dispatcher, as the processor would generate it for an interface. */
  static final class Calculator implements Dispatcher {
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
          FunctionInfo.of(
              "echo",
              "echo",
              "java.lang.Object",
              Kind.VALUE,
              new ParameterInfo("value", Object.class, "java.lang.Object")),
          FunctionInfo.of(
              "fail",
              "fail",
              "void",
              Kind.VOID,
              new ParameterInfo("message", String.class, "java.lang.String")),
          FunctionInfo.of(
              "failCustom",
              "failCustom",
              "void",
              Kind.VOID,
              new ParameterInfo("message", String.class, "java.lang.String")),
          FunctionInfo.of(
              "sleep", "sleep", "void", Kind.VOID, new ParameterInfo("millis", long.class, "long")),
          FunctionInfo.of(
              "sum",
              "sum",
              "long",
              Kind.VALUE,
              new ParameterInfo("values", List.class, "java.util.List<java.lang.Long>")),
          FunctionInfo.of(
              "scale",
              "scale",
              "double[]",
              Kind.VALUE,
              new ParameterInfo("values", double[].class, "double[]"),
              new ParameterInfo("factor", double.class, "double")),
          FunctionInfo.of(
              "nextDay",
              "nextDay",
              "java.time.LocalDate",
              Kind.VALUE,
              new ParameterInfo("date", LocalDate.class, "java.time.LocalDate")),
          FunctionInfo.of("token", "token", "kaa.rpc.cli.TestServer.Token", Kind.VALUE));
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
          throw new QuotaExceeded((String) args[0]);
        case 4:
          Thread.sleep((Long) args[0]);
          return null;
        case 5:
          long sum = 0;
          for (Object value : (List<?>) args[0]) {
            sum += (Long) value;
          }
          return sum;
        case 6:
          double[] values = ((double[]) args[0]).clone();
          for (int i = 0; i < values.length; i++) {
            values[i] *= (Double) args[1];
          }
          return values;
        case 7:
          return ((LocalDate) args[0]).plusDays(1);
        case 8:
          return new Token("t-1");
        default:
          throw new AssertionError(function);
      }
    }
  }
}
