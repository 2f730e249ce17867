package kaa.rpc.internal.lead;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The threads that lead {@link LeadLoop}s ({@code kaa-rpc-io-N}), and the watchdog that moves a
 * lead away from a method that blocks.
 *
 * <p>An idle worker waits to be given a loop to lead. A worker whose lead was revoked while it ran
 * a method finishes that method and then waits again, so the number of threads follows the
 * number of methods blocked at once, which the inbound limit of each connection bounds.
 *
 * <p>The watchdog looks at every loop once a {@link #TICK_NANOS tick} while some loop runs user
 * code or is free, and sleeps otherwise, so an idle process does no periodic work: a loop whose
 * leader has run one method for {@link #REVOKE_NANOS} loses the lead to another worker, and a
 * loop left free that long (a caller gave it up) is given to a worker.
 */
final class Workers {
  /** How often the watchdog looks while it is awake. */
  static final long TICK_NANOS = TimeUnit.MICROSECONDS.toNanos(500);
  /** How long a method may hold a loop's lead, and a loop may stay free, before a worker leads. */
  static final long REVOKE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  /** Quiet ticks after which the watchdog sleeps until poked. */
  private static final int QUIET_TICKS = 200;
  private static final long KEEP_ALIVE_NANOS = TimeUnit.SECONDS.toNanos(60);

  private final String prefix;
  private final ConcurrentLinkedDeque<Worker> idle = new ConcurrentLinkedDeque<>();
  private final List<LeadLoop> loops = new CopyOnWriteArrayList<>();
  private final java.util.concurrent.atomic.AtomicInteger next =
      new java.util.concurrent.atomic.AtomicInteger(1);
  private final Thread watchdog;
  private volatile boolean sleeping;
  private volatile boolean stopped;

  Workers(String prefix) {
    this.prefix = prefix;
    this.watchdog = new Thread(this::watch, prefix + "-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }

  void watch(LeadLoop loop) {
    loops.add(loop);
  }

  /** Gives {@code loop} to an idle worker, or to a new one. */
  void lead(LeadLoop loop) {
    if (stopped && loop.isTerminated()) {
      return;
    }
    Worker worker;
    while ((worker = idle.pollFirst()) != null) {
      if (worker.offer(loop)) {
        return;
      }
    }
    new Worker(this, prefix + "-" + next.getAndIncrement(), loop).start();
  }

  /** Wakes the watchdog if it sleeps: a loop runs user code or was left free. */
  void poke() {
    if (sleeping) {
      sleeping = false;
      LockSupport.unpark(watchdog);
    }
  }

  /** Stops the watchdog and lets idle workers end (the loops are shut down). */
  void stop() {
    stopped = true;
    LockSupport.unpark(watchdog);
    Worker worker;
    while ((worker = idle.pollFirst()) != null) {
      worker.offer(null);
    }
  }

  /** A worker with nothing to lead waits here; null when it should end. */
  LeadLoop awaitLoop(Worker worker) {
    idle.addFirst(worker);
    long deadline = System.nanoTime() + KEEP_ALIVE_NANOS;
    for (;;) {
      LeadLoop loop = worker.take();
      if (loop != null || worker.isRetired()) {
        return loop;
      }
      long left = deadline - System.nanoTime();
      if (stopped || left <= 0) {
        if (idle.remove(worker)) {
          return null;
        }
        // someone took it from the queue and is handing it a loop: wait for that
        left = TimeUnit.MILLISECONDS.toNanos(10);
      }
      LockSupport.parkNanos(this, left);
    }
  }

  private void watch() {
    int quiet = 0;
    while (!stopped) {
      if (quiet >= QUIET_TICKS) {
        sleeping = true;
        if (!anyActive(System.nanoTime())) {
          LockSupport.park(this);
        }
        sleeping = false;
        quiet = 0;
        continue;
      }
      LockSupport.parkNanos(this, TICK_NANOS);
      quiet = anyActive(System.nanoTime()) ? 0 : quiet + 1;
    }
  }

  /** Looks at every loop; true if one runs user code or is free. */
  private boolean anyActive(long now) {
    boolean active = false;
    for (LeadLoop loop : loops) {
      Lead lead = loop.lead();
      long word = lead.word();
      int mode = Lead.mode(word);
      if (loop.isTerminated()) {
        continue;
      }
      if (mode == Lead.USER) {
        active = true;
        if (now - lead.since() > REVOKE_NANOS && lead.revoke(word)) {
          loop.requestLead();
        }
      } else if (mode == Lead.FREE && loop.hasWork()) {
        active = true;
        if (now - lead.since() > REVOKE_NANOS) {
          loop.requestLead();
        }
      }
    }
    return active;
  }
}
