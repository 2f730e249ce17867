package kaa.rpc.samples.worker;

import java.util.concurrent.CompletionStage;
import kaa.rpc.Channel;
import kaa.rpc.annotation.Expose;

/** Runs long jobs for a caller and reports progress back to it. */
@Expose
public interface Worker {
  /**
   * Runs {@code job} in {@code steps} steps, reporting each to the caller's {@link Progress}
   * through the injected {@code caller}; completes with a summary. Cancelling the caller's future
   * stops the job.
   */
  CompletionStage<String> run(Channel caller, String job, int steps);
}
