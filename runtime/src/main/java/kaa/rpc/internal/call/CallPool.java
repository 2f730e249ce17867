package kaa.rpc.internal.call;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The default executor of exposed methods: a few threads that take calls from a queue without
 * parking between them, and more threads the moment the queue stops moving.
 *
 * <p>A cached thread pool hands every call to a parked thread (a wake-up each), and makes a new
 * thread whenever all are busy, so a burst of fast calls costs many threads and two context
 * switches per call. Here a call goes straight to an idle thread if one is waiting; otherwise it
 * waits in the queue, and busy threads take it as soon as they finish. Exposed methods may block
 * (on I/O, or calling the caller back), so a queue that nobody took from for one tick means every
 * thread is stuck: then a thread is started for every waiting call, as a cached pool would have.
 * Threads idle for a minute end.
 *
 * <p>One pool serves every server and client of the process ({@link #acquire}, {@link #release}),
 * and its monitor runs only while calls wait in the queue, so an idle process does no periodic
 * work here.
 */
final class CallPool extends AbstractExecutorService {
  private static final long KEEP_ALIVE_NANOS = TimeUnit.SECONDS.toNanos(60);
  /** How long a waiting call may see no thread take work before more threads are started. */
  static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  private final LinkedTransferQueue<Runnable> queue = new LinkedTransferQueue<>();
  private final ThreadFactory threads;
  private final int core;
  private final AtomicInteger live = new AtomicInteger();
  private final ScheduledExecutorService timer;
  private final java.util.concurrent.atomic.AtomicBoolean monitoring =
      new java.util.concurrent.atomic.AtomicBoolean();
  private final Runnable unstick = this::unstick;
  private volatile long lastTake = System.nanoTime();
  private volatile boolean shutdown;

  private static final Object SHARED_LOCK = new Object();
  private static CallPool shared;
  private static int users;

  CallPool(ThreadFactory threads, int core, ScheduledExecutorService timer) {
    this.threads = threads;
    this.core = core;
    this.timer = timer;
  }

  /** Takes a reference to the process's shared pool, made with {@code timer} if there is none. */
  static CallPool acquire(ScheduledExecutorService timer) {
    synchronized (SHARED_LOCK) {
      if (shared == null) {
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        shared =
            new CallPool(
                kaa.rpc.internal.transport.EventLoops.named("kaa-rpc-call"), threads, timer);
      }
      users++;
      return shared;
    }
  }

  /** Gives back a reference; the last one shuts the pool down (running calls finish). */
  static void release(CallPool pool) {
    synchronized (SHARED_LOCK) {
      if (pool != shared || users == 0) {
        return;
      }
      if (--users == 0) {
        shared.shutdown();
        shared = null;
      }
    }
  }

  @Override
  public void execute(Runnable task) {
    if (shutdown) {
      throw new java.util.concurrent.RejectedExecutionException("the call executor is shut down");
    }
    if (queue.tryTransfer(task)) {
      return; // an idle thread has it
    }
    queue.offer(task);
    if (live.get() < core) {
      start();
    }
    monitor();
  }

  /** Makes sure the monitor runs while calls wait. */
  private void monitor() {
    if (!monitoring.get() && monitoring.compareAndSet(false, true)) {
      try {
        timer.schedule(unstick, TICK_NANOS, TimeUnit.NANOSECONDS);
      } catch (java.util.concurrent.RejectedExecutionException stopped) {
        monitoring.set(false); // the process's I/O threads stopped: closing
      }
    }
  }

  /** Starts threads for the waiting calls if no thread took one for a whole tick. */
  private void unstick() {
    if (!queue.isEmpty() && System.nanoTime() - lastTake > TICK_NANOS && !shutdown) {
      lastTake = System.nanoTime(); // give the new threads a tick before judging again
      int waiting = queue.size();
      for (int i = 0; i < waiting; i++) {
        start();
      }
    }
    monitoring.set(false);
    if (!queue.isEmpty() && !shutdown) {
      monitor(); // still waiting: look again next tick
    }
  }

  private void start() {
    live.incrementAndGet();
    try {
      threads.newThread(this::work).start();
    } catch (RuntimeException | Error e) {
      live.decrementAndGet();
      throw e;
    }
  }

  private void work() {
    try {
      while (!shutdown) {
        Runnable task;
        try {
          task = queue.poll(KEEP_ALIVE_NANOS, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          continue; // a cancelled call's interrupt that arrived late; keep serving
        }
        if (task == null) {
          if (live.get() > core || queue.isEmpty()) {
            return; // idle for a minute
          }
          continue;
        }
        lastTake = System.nanoTime();
        Thread.interrupted(); // start every call uninterrupted
        try {
          task.run();
        } catch (RuntimeException | Error e) {
          Thread t = Thread.currentThread();
          t.getUncaughtExceptionHandler().uncaughtException(t, e);
        }
      }
    } finally {
      live.decrementAndGet();
    }
  }

  @Override
  public void shutdown() {
    shutdown = true;
    for (int i = live.get(); i > 0; i--) {
      queue.offer(() -> {}); // wakes an idle thread, which then sees the shutdown and ends
    }
  }

  @Override
  public List<Runnable> shutdownNow() {
    shutdown();
    List<Runnable> left = new java.util.ArrayList<>();
    queue.drainTo(left);
    return left;
  }

  @Override
  public boolean isShutdown() {
    return shutdown;
  }

  @Override
  public boolean isTerminated() {
    return shutdown && live.get() == 0;
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    while (!isTerminated() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    return isTerminated();
  }
}
