package kaa.rpc.benchmarks;

import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import kaa.rpc.Client;
import kaa.rpc.Options;
import kaa.rpc.Server;

/**
 * A kaa-rpc server exposing {@link Calculator} and one authenticated client connected to it, in
 * this JVM (they share kaa-rpc's I/O threads, as any server and client of one process do).
 */
final class KaaRpcFixture implements AutoCloseable {
  private static final byte[] SECRET = "kaa-rpc benchmark secret".getBytes(StandardCharsets.UTF_8);

  final Server server;
  final Client client;
  private final SocketAddress requested;

  /**
   * Starts the server on {@code transport} with the executor named by {@code executor} ({@code
   * pool}: kaa-rpc's default pool; {@code direct}: {@code Runnable::run}, the I/O thread), then a
   * client, and waits until the client is authenticated.
   */
  KaaRpcFixture(String transport, String executor) throws Exception {
    Options serverOptions;
    switch (executor) {
      case "pool":
        serverOptions = Options.defaults();
        break;
      case "direct":
        serverOptions = Options.builder().executor(Runnable::run).build();
        break;
      default:
        throw new IllegalArgumentException("executor must be pool or direct, not " + executor);
    }
    requested = Transport.of(transport).newAddress();
    server = new Server(requested, SECRET, serverOptions);
    server.connect(HandWrittenCalculatorRpc.dispatcher(new CalculatorImpl()));
    client = new Client(server.address(), SECRET, Options.defaults());
    client.connected().get(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    client.close();
    server.close();
    Transport.cleanUp(requested);
  }
}
