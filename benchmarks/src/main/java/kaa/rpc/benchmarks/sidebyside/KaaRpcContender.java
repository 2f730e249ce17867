package kaa.rpc.benchmarks.sidebyside;

import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import kaa.rpc.Channel;
import kaa.rpc.Client;
import kaa.rpc.Options;
import kaa.rpc.Server;
import kaa.rpc.spi.Calls;
import kaa.rpc.spi.Dispatcher;
import kaa.rpc.spi.FunctionInfo;
import kaa.rpc.spi.RemoteMethod;

/**
 * kaa-rpc, through the {@code kaa.rpc.spi} contract in the shape the processor generates (the
 * benchmarks do not run the processor): {@code int add(int, int)} and {@code byte[] echo(byte[])}.
 * "direct" sets {@code Options.builder().executor(Runnable::run)} on server and client, so
 * methods run on the I/O thread; otherwise both use {@link Options#defaults()}.
 */
final class KaaRpcContender {
  private static final byte[] SECRET = "side-by-side secret".getBytes(StandardCharsets.UTF_8);
  private static final String SERVICE = "kaa.rpc.benchmarks.sidebyside.Bench";
  private static final int METHOD_ID_ADD = 0;
  private static final int METHOD_ID_ECHO = 1;
  private static final RemoteMethod ADD =
      RemoteMethod.builder(SERVICE, METHOD_ID_ADD, "add")
          .parameter("a", int.class, "int")
          .parameter("b", int.class, "int")
          .returnsValue(Integer.class, "int")
          .build();
  private static final RemoteMethod ECHO =
      RemoteMethod.builder(SERVICE, METHOD_ID_ECHO, "echo")
          .parameter("data", byte[].class, "byte[]")
          .returnsValue(byte[].class, "byte[]")
          .build();
  private static final List<FunctionInfo> FUNCTIONS = RemoteMethod.functions(ADD, ECHO);

  private KaaRpcContender() {}

  private static Options options(boolean direct) {
    return direct ? Options.builder().executor(Runnable::run).build() : Options.defaults();
  }

  static Contender.Served serve(boolean unix, boolean direct) throws Exception {
    SocketAddress requested = unix ? Endpoints.newUnixSocket() : Endpoints.anyLoopbackPort();
    Server server = new Server(requested, SECRET, options(direct));
    server.connect(dispatcher());
    String address = Endpoints.format(server.address());
    return new Contender.Served() {
      @Override
      public String address() {
        return address;
      }

      @Override
      public void close() {
        server.close();
        Endpoints.cleanUp(requested);
      }
    };
  }

  /** The server side, as a generated {@code Dispatcher} would be. */
  private static Dispatcher dispatcher() {
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
            return (Integer) args[0] + (Integer) args[1];
          case METHOD_ID_ECHO:
            return args[0];
          default:
            throw new AssertionError(function);
        }
      }
    };
  }

  /** A kaa-rpc client: blocking and asynchronous proxies' calls. */
  static final class KaaClient implements BenchClient {
    private final Client client;

    KaaClient(String address, boolean direct) throws Exception {
      client = new Client(Endpoints.parse(address), SECRET, options(direct));
      client.connected().get(30, TimeUnit.SECONDS);
    }

    @Override
    public int add(int a, int b) {
      Integer sum = Calls.blocking(client, ADD, new Object[] {a, b});
      return sum;
    }

    @Override
    public byte[] echo(byte[] data) {
      return Calls.blocking(client, ECHO, new Object[] {data});
    }

    @Override
    public void pipelined(Pipeline pipeline) throws Exception {
      pipeline.windowed(
          (a, b, callback) ->
              Calls.<Integer>async(client, ADD, new Object[] {a, b})
                  .whenComplete((sum, error) -> callback.done(a, b, sum == null ? 0 : sum, error)));
    }

    @Override
    public String pipelineNote() {
      return "async proxy calls on one connection";
    }

    @Override
    public void close() {
      client.close();
    }
  }
}
