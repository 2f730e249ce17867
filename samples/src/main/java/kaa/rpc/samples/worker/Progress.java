package kaa.rpc.samples.worker;

import kaa.rpc.annotation.Expose;

/** Exposed by the client: the worker reports progress here. */
@Expose
public interface Progress {
  /** {@code done} of {@code total} steps of {@code job} are finished. */
  void report(String job, int done, int total);
}
