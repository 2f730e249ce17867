package kaa.rpc.internal.call;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.internal.PlatformDependent;
import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Hands work from any thread to one event loop: calls to send, replies to write, calls given up.
 * One task drains everything queued and then flushes once, so a burst costs one wake-up and one
 * system call. If the event loop has stopped (the last server or client of the process closed),
 * what was queued is discarded, never thrown at the thread that queued it.
 */
final class Outbox {
  /** What the event loop does with the queued work. */
  interface Sink {
    /** Handles one queued item (event loop). */
    void process(Object op);

    /** Ends a batch (event loop). */
    void flush();

    /** Releases an item that can no longer be handled (any thread). */
    void discard(Object op);
  }

  /** Items per chunk of the queue: enough for a burst, small for a connection at rest. */
  private static final int CHUNK = 64;

  private final EventExecutor loop;
  private final Sink sink;
  /** Many producers, one consumer (whichever thread runs the event loop): no node per item. */
  private final Queue<Object> ops = PlatformDependent.newMpscQueue(CHUNK, 1 << 30);
  private final AtomicBoolean scheduled = new AtomicBoolean();
  /** The loop refused a drain: it has stopped, and what is queued from now on is discarded. */
  private volatile boolean stopped;
  private final Runnable drain = this::drain;

  Outbox(EventExecutor loop, Sink sink) {
    this.loop = loop;
    this.sink = sink;
  }

  /** Queues {@code op} for the event loop (from another thread). */
  void add(Object op) {
    ops.add(op);
    if (!scheduled.get() && scheduled.compareAndSet(false, true)) {
      try {
        loop.execute(drain);
      } catch (RejectedExecutionException e) {
        stopped = true; // no drain will run, and scheduled stays set: every add looks at this
      }
    }
    if (stopped) {
      // Whoever saw the loop stop, or queued after it did, discards: an item queued while another
      // thread discards is either taken by that thread or seen here.
      discardAll();
    }
  }

  /** The loop stopped: releases what was queued (one consumer at a time, as the queue needs). */
  private synchronized void discardAll() {
    Object left;
    while ((left = ops.poll()) != null) {
      sink.discard(left);
    }
  }

  /**
   * Handles everything queued, then flushes (event loop). Holds the lock that {@link #discardAll}
   * takes, so the queue has one consumer even while a stopping loop drains.
   */
  synchronized void drain() {
    scheduled.set(false);
    Object op;
    while ((op = ops.poll()) != null) {
      sink.process(op);
    }
    sink.flush();
  }
}
