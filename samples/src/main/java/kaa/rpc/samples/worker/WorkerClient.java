package kaa.rpc.samples.worker;

import java.io.PrintStream;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import kaa.rpc.Channel;
import kaa.rpc.Client;
import kaa.rpc.samples.SampleSettings;

/**
 * Runs a job to the end with progress reports, then starts another and cancels it half-way.
 * Usage: {@code WorkerClient [ADDRESS]}.
 */
public final class WorkerClient {
  private WorkerClient() {}

  /** Runs the client. */
  public static void main(String[] args) throws Exception {
    try (Client client = new Client(SampleSettings.address(args, "kaa-worker"), SampleSettings.secret())) {
      runJobs(client, System.out);
    }
  }

  /** Runs one job to the end and cancels a second one after two progress reports. */
  public static void runJobs(Channel channel, PrintStream out) throws Exception {
    CountDownLatch halfway = new CountDownLatch(2);
    channel.connect(
        (Progress)
            (job, done, total) -> {
              out.println("  progress of " + job + ": " + done + "/" + total);
              if (job.equals("resize-videos")) {
                halfway.countDown();
              }
            });
    String summary = WorkerRpc.async(channel).run("index-photos", 3).get(30, TimeUnit.SECONDS);
    out.println("  result: " + summary);

    CompletableFuture<String> resize = WorkerRpc.async(channel).run("resize-videos", 100);
    halfway.await(30, TimeUnit.SECONDS);
    out.println("  cancelling resize-videos");
    resize.cancel(true);
    try {
      resize.join();
    } catch (CancellationException expected) {
      out.println("  resize-videos cancelled: " + resize.isCancelled());
    }
  }
}
