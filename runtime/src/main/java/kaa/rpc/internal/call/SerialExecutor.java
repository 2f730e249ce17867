package kaa.rpc.internal.call;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/** Runs tasks one at a time, in order, on another executor: listener events of one channel. */
final class SerialExecutor implements Executor {
  private final Executor executor;
  private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
  private boolean running;

  SerialExecutor(Executor executor) {
    this.executor = executor;
  }

  @Override
  public synchronized void execute(Runnable task) {
    tasks.add(task);
    if (!running) {
      running = true;
      try {
        executor.execute(this::runAll);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        running = false;
        tasks.clear(); // the endpoint is shut down: nobody to tell
      }
    }
  }

  private void runAll() {
    while (true) {
      Runnable task;
      synchronized (this) {
        task = tasks.poll();
        if (task == null) {
          running = false;
          return;
        }
      }
      task.run();
    }
  }
}
