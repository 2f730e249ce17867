package kaa.rpc.benchmarks;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Keeps at most {@code size} calls in flight for one producer thread. When the window is full the
 * producer sleeps until half of it has drained, so the harness costs one wake-up per {@code
 * size / 2} calls rather than one per call, and the measured rate is the call path's.
 */
public final class Window {
  private final int size;
  private final int lowWater;
  private final AtomicInteger outstanding = new AtomicInteger();
  private final LongAdder failures = new LongAdder();
  /** The producer while it waits for room; the release that wakes it takes it, so it is woken once. */
  private final AtomicReference<Thread> waiter = new AtomicReference<>();

  public Window(int size) {
    this.size = size;
    this.lowWater = size / 2;
  }

  /** Takes a slot, waiting while the window is full. Only one thread may call this. */
  public void acquire() {
    while (outstanding.get() >= size) {
      waiter.set(Thread.currentThread());
      if (outstanding.get() >= size) {
        LockSupport.park(this);
      }
      waiter.set(null); // woken, spuriously or not: the loop looks again
    }
    outstanding.incrementAndGet();
  }

  /** Gives back a slot; {@code ok} false counts a failed or wrong call. Any thread. */
  public void release(boolean ok) {
    if (!ok) {
      failures.increment();
    }
    if (outstanding.decrementAndGet() <= lowWater) {
      Thread w = waiter.get();
      if (w != null && waiter.compareAndSet(w, null)) {
        LockSupport.unpark(w); // once: the releases after this one see no waiter
      }
    }
  }

  /**
   * Waits until every call has completed, so one measurement iteration does not spill into the
   * next, and fails if any call failed.
   */
  public void drain() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (outstanding.get() > 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(outstanding.get() + " calls still in flight after 60 s");
      }
      LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(100));
    }
    long failed = failures.sumThenReset();
    if (failed > 0) {
      throw new IllegalStateException(failed + " calls failed or returned a wrong result");
    }
  }
}
