package kaa.rpc.samples.worker;

import java.util.concurrent.CountDownLatch;
import kaa.rpc.Server;
import kaa.rpc.samples.SampleSettings;

/** Runs the worker until interrupted. Usage: {@code WorkerServer [ADDRESS]}. */
public final class WorkerServer {
  private WorkerServer() {}

  /** Runs the server. */
  public static void main(String[] args) throws InterruptedException {
    try (Server server = new Server(SampleSettings.address(args, "kaa-worker"), SampleSettings.secret());
        WorkerService worker = new WorkerService(200, System.out::println)) {
      server.connect(worker);
      System.out.println("worker listening on " + server.address() + " (Ctrl-C to stop)");
      new CountDownLatch(1).await();
    }
  }
}
