package kaa.rpc.benchmarks.sidebyside;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import kaa.rpc.benchmarks.Window;

/**
 * W2's bookkeeping: whether to keep sending, how many adds completed (each checked against
 * {@code a + b}), and the first failure. The ways a contender can keep calls in flight are here
 * too, so every contender that can do the same thing does it the same way.
 */
final class Pipeline {
  /** Calls in flight on one connection. */
  static final int WINDOW = 128;
  /** Threads of blocking calls, for contenders without asynchronous calls. */
  static final int THREADS = 16;

  private volatile boolean running = true;
  private final LongAdder completed = new LongAdder();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();

  /** Receives one asynchronous result: the arguments sent and the sum, or the call's failure. */
  interface Callback {
    void done(int a, int b, int sum, Throwable error);
  }

  /** Sends one asynchronous {@code add(a, b)}; {@code callback} gets its outcome on any thread. */
  interface AsyncAdder {
    void add(int a, int b, Callback callback) throws Exception;
  }

  /** The first argument of the {@code i}-th call: small values, like {@code add(1, 2)}. */
  static int argA(int i) {
    return i & 1023;
  }

  /** The second argument of the {@code i}-th call. */
  static int argB(int i) {
    return (i >>> 10) & 1023;
  }

  boolean running() {
    return running;
  }

  void stop() {
    running = false;
  }

  /** Counts one result, or a failure if {@code sum} is not {@code a + b}. */
  void completed(int a, int b, int sum) {
    if (sum != a + b) {
      failed(new AssertionError("add(" + a + ", " + b + ") returned " + sum));
      return;
    }
    completed.increment();
  }

  void failed(Throwable error) {
    failure.compareAndSet(null, error);
    running = false;
  }

  long completedCount() {
    return completed.sum();
  }

  /** Throws the first failure, if any. */
  void check() throws Exception {
    Throwable t = failure.get();
    if (t != null) {
      throw new Exception("W2 failed: " + t, t);
    }
  }

  /**
   * Keeps up to {@link #WINDOW} asynchronous adds in flight from this thread: when the window is
   * full the thread sleeps until half of it has completed ({@link Window}), so the harness costs
   * one wake-up per {@code WINDOW / 2} calls and not one per call.
   */
  void windowed(AsyncAdder adder) throws Exception {
    Window window = new Window(WINDOW);
    Callback callback =
        (a, b, sum, error) -> {
          if (error != null) {
            failed(error);
          } else {
            completed(a, b, sum);
          }
          window.release(true);
        };
    int i = 0;
    while (running) {
      window.acquire();
      adder.add(argA(i), argB(i), callback);
      i++;
    }
    window.drain();
  }

  /** {@link #THREADS} threads of sequential blocking adds on {@code client}. */
  void threads(BenchClient client) throws Exception {
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int first = t << 16;
      Thread thread =
          new Thread(
              () -> {
                int i = first;
                while (running) {
                  try {
                    int a = argA(i);
                    int b = argB(i);
                    completed(a, b, client.add(a, b));
                  } catch (Throwable e) {
                    failed(e);
                  }
                  i++;
                }
              },
              "w2-caller-" + t);
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      thread.join();
    }
  }
}
