package kaa.rpc.samples.hub;

import java.util.concurrent.CountDownLatch;
import kaa.rpc.Server;
import kaa.rpc.samples.SampleSettings;

/** Runs the notification hub until interrupted. Usage: {@code HubServer [ADDRESS]}. */
public final class HubServer {
  private HubServer() {}

  /** Runs the server. */
  public static void main(String[] args) throws InterruptedException {
    try (Server server = new Server(SampleSettings.address(args, "kaa-hub"), SampleSettings.secret())) {
      new HubService().serveOn(server);
      System.out.println("hub listening on " + server.address() + " (Ctrl-C to stop)");
      new CountDownLatch(1).await();
    }
  }
}
