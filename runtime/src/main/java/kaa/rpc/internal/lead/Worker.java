package kaa.rpc.internal.lead;

import io.netty.util.concurrent.FastThreadLocalThread;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/** A thread of {@link Workers}: leads the loops it is given, one at a time. */
final class Worker extends FastThreadLocalThread {
  private static final LeadLoop RETIRED = null;
  private final Workers workers;
  private final AtomicReference<LeadLoop> offered = new AtomicReference<>();
  private volatile boolean retired;
  /** What this thread does in the call layer (leads, runs user code). */
  final Leads.State state = new Leads.State();

  Worker(Workers workers, String name, LeadLoop first) {
    this(workers, name, first, new Body());
  }

  /**
   * The body is given to the constructor, not put in an overridden {@code run()}: only then does
   * Netty know that the thread cleans up its fast thread-locals, and only on such threads does it
   * pool objects (outbound entries, buffers); otherwise every write of a worker would allocate.
   */
  private Worker(Workers workers, String name, LeadLoop first, Body body) {
    super(body, name);
    body.worker = this;
    this.workers = workers;
    this.offered.set(first);
    setDaemon(true);
  }

  /** Hands this idle worker {@code loop} (null: end); false if it already ended. */
  boolean offer(LeadLoop loop) {
    if (loop == RETIRED) {
      retired = true;
    } else if (!offered.compareAndSet(null, loop)) {
      return false;
    }
    LockSupport.unpark(this);
    return true;
  }

  LeadLoop take() {
    return offered.getAndSet(null);
  }

  /** What the thread runs: {@link #work} of its worker (set before the thread starts). */
  private static final class Body implements Runnable {
    Worker worker;

    @Override
    public void run() {
      worker.work();
    }
  }

  boolean isRetired() {
    return retired;
  }

  private void work() {
    LeadLoop loop = take();
    while (loop != null || (loop = workers.awaitLoop(this)) != null) {
      if (loop.tryAcquire()) {
        state.leading = loop;
        try {
          loop.leadAsWorker(this);
        } catch (Throwable t) {
          getUncaughtExceptionHandler().uncaughtException(this, t);
          if (loop.lead().isLoopLeader(this)) {
            loop.release();
          }
        } finally {
          state.leading = null;
        }
      } else {
        loop.acquireFailed();
      }
      loop = null;
    }
  }
}
