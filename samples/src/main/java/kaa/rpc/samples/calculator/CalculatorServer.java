package kaa.rpc.samples.calculator;

import java.util.concurrent.CountDownLatch;
import kaa.rpc.Server;
import kaa.rpc.samples.SampleSettings;

/**
 * Serves a {@link Calculator} until interrupted. Usage: {@code CalculatorServer [ADDRESS]}; the
 * default address is the Unix socket {@code kaa-calculator} in the per-user directory, and
 * {@code 127.0.0.1:7700} serves over TCP.
 */
public final class CalculatorServer {
  private CalculatorServer() {}

  /** Runs the server. */
  public static void main(String[] args) throws InterruptedException {
    String address = SampleSettings.address(args, "kaa-calculator");
    try (Server server = new Server(address, SampleSettings.secret())) {
      server.connect(new CalculatorService(System.out::println));
      server.onClientConnected(ch -> System.out.println("client connected: " + ch.remoteAddress()));
      System.out.println("calculator listening on " + server.address() + " (Ctrl-C to stop)");
      new CountDownLatch(1).await();
    }
  }
}
