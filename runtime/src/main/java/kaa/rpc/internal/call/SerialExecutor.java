package kaa.rpc.internal.call;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * Runs tasks one at a time, in order, on another executor: listener events of one channel. Once
 * that executor is shut down (the channel closed for good), tasks run on the calling thread.
 */
final class SerialExecutor implements Executor {
  private final Executor executor;
  private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
  private boolean running;

  SerialExecutor(Executor executor) {
    this.executor = executor;
  }

  @Override
  public void execute(Runnable task) {
    synchronized (this) {
      tasks.add(task);
      if (running) {
        return;
      }
      running = true;
      try {
        executor.execute(this::runAll);
        return;
      } catch (java.util.concurrent.RejectedExecutionException shutDown) {
        // fall through: run here
      }
    }
    runAll();
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
