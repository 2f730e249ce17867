package kaa.rpc.samples.worker;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import kaa.rpc.Channel;

/** The worker on the server: one thread per job, reporting to the caller after each step. */
public final class WorkerService implements Worker, AutoCloseable {
  private final ExecutorService jobs = Executors.newCachedThreadPool();
  private final Consumer<String> out;
  private final long stepMillis;

  /** A worker whose steps take {@code stepMillis}; it tells {@code out} what happens. */
  public WorkerService(long stepMillis, Consumer<String> out) {
    this.stepMillis = stepMillis;
    this.out = out;
  }

  @Override
  public CompletionStage<String> run(Channel caller, String job, int steps) {
    Progress progress = ProgressRpc.proxy(caller);
    CompletableFuture<String> result = new CompletableFuture<>();
    jobs.execute(
        () -> {
          for (int i = 1; i <= steps; i++) {
            if (result.isCancelled()) {
              out.accept("worker: job " + job + " cancelled after " + (i - 1) + " of " + steps + " steps");
              return;
            }
            try {
              Thread.sleep(stepMillis);
            } catch (InterruptedException e) {
              return;
            }
            progress.report(job, i, steps); // blocking call back to the caller, mid-call
          }
          result.complete(job + ": " + steps + " steps done");
        });
    return result;
  }

  @Override
  public void close() {
    jobs.shutdownNow();
  }
}
