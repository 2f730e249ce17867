package kaa.rpc.internal.lead;

import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.IoHandlerContext;
import io.netty.channel.IoHandlerFactory;
import io.netty.util.concurrent.Future;
import io.netty.util.internal.PlatformDependent;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An event loop with no thread of its own: whichever thread holds its <em>lead</em> runs its I/O,
 * tasks and timers, and the lead moves between threads (leader/follower).
 *
 * <p>A worker thread that reads an incoming call runs the exposed method itself, after the read,
 * with no hand-off; while the method runs the loop is in user mode, and if the method blocks or
 * runs long ({@link Workers#REVOKE_NANOS}) or makes a blocking call, the lead is taken from it and
 * given to another worker, so a method that blocks never stalls the loop for longer than that. A
 * caller waiting for its own call's result can lead a client loop itself (it writes the call and
 * reads the result on its own thread: one wake-up a call, as with a blocking socket).
 *
 * <p>The lead is one word ({@link Lead}): its mode and a generation that changes whenever the
 * lead is taken from a thread, so a thread that lost it cannot mistake a later lead for its own.
 * Netty sees the leader in loop mode as "in the event loop"; a thread running user code is not.
 */
public final class LeadLoop extends LoopShell {

  private final Workers workers;
  private final boolean callerDriven;
  private final Lead lead = new Lead();
  private final Queue<Runnable> tasks = PlatformDependent.newMpscQueue();
  /** Work read by the leader to run once the current I/O is done (leader only). */
  private final ArrayDeque<Runnable> deferred = new ArrayDeque<>();
  private final AtomicBoolean leadRequested = new AtomicBoolean();
  private final Context context = new Context();
  private final java.util.concurrent.atomic.AtomicReference<Thread> wantedBy =
      new java.util.concurrent.atomic.AtomicReference<>();
  /** Callers waiting on this loop for a result while another thread leads it. */
  final AtomicInteger followers = new AtomicInteger();
  private static final Runnable WAKEUP = () -> {};
  private boolean initialized;
  private long lastExecutionTime;

  LeadLoop(IoEventLoopGroup parent, IoHandlerFactory factory, Workers workers, boolean callerDriven) {
    super(parent, factory);
    this.workers = workers;
    this.callerDriven = callerDriven;
    workers.watch(this);
  }

  Lead lead() {
    return lead;
  }

  Workers workers() {
    return workers;
  }

  /** True if callers may lead this loop while they wait (client loops). */
  boolean callerDriven() {
    return callerDriven;
  }

  // ---- the lead ----

  @Override
  public boolean inEventLoop(Thread thread) {
    return lead.isLoopLeader(thread);
  }

  /** Takes the lead if nobody holds it; true if the current thread now leads in loop mode. */
  boolean tryAcquire() {
    if (!lead.tryAcquire(Thread.currentThread())) {
      return false;
    }
    leadRequested.set(false);
    return true;
  }

  /** Gives the lead up (leader in loop mode); the loop is led again soon if work arrives. */
  void release() {
    lead.release();
    if (isTerminated()) {
      return;
    }
    if (!tasks.isEmpty() || !deferred.isEmpty() || isShuttingDown()) {
      requestLead();
    } else {
      workers.poke(); // a free loop is led by a worker if no caller takes it soon
    }
  }

  /** Makes sure a worker comes to lead this loop if it is free. */
  void requestLead() {
    if (!isTerminated() && lead.isFree() && leadRequested.compareAndSet(false, true)) {
      workers.lead(this);
    }
  }

  /** A worker asked to lead found the lead taken: asks again if it is free once more. */
  void acquireFailed() {
    leadRequested.set(false);
    if (lead.isFree() && (!tasks.isEmpty() || isShuttingDown())) {
      requestLead();
    }
  }

  /** True once a channel was registered here: a free loop then needs a leader soon. */
  boolean hasWork() {
    return hasRegistered() || !tasks.isEmpty();
  }

  /** A caller that cannot lead asks the leading worker to hand the lead over. */
  void wantLead() {
    if (callerDriven && wantedBy.compareAndSet(null, Thread.currentThread())) {
      handler.wakeup();
    }
  }

  /** Flushes put off until the deferred work of this round has run (leader only). */
  private final ArrayDeque<Runnable> flushes = new ArrayDeque<>();
  private boolean runningDeferred;

  /**
   * While the leader runs deferred work, queues {@code flush} to run once that work is done (so
   * a burst of replies costs one system call) and returns true; else returns false.
   */
  boolean deferFlush(Runnable flush) {
    if (!runningDeferred) {
      return false;
    }
    if (!flushes.contains(flush)) {
      flushes.add(flush);
    }
    return true;
  }

  private void runFlushes() {
    Runnable flush;
    while ((flush = flushes.poll()) != null) {
      safeExecute(flush);
    }
  }

  /** The current thread no longer waits for the lead it asked for. */
  void unwant() {
    wantedBy.compareAndSet(Thread.currentThread(), null);
  }

  /** Queues work read by the leader (loop mode) to run after the current I/O. */
  void defer(Runnable work) {
    deferred.add(work);
  }

  // ---- leading ----

  /** Runs the loop on a worker that holds the lead, until the lead is lost or handed over. */
  void leadAsWorker(Worker me) {
    for (;;) {
      Thread.interrupted(); // a worker is interrupted only to cancel a method; never its I/O
      iterate(Long.MAX_VALUE, true);
      if (isTerminated()) {
        lead.release();
        return;
      }
      if (!runDeferred(me)) {
        return; // a method blocked and the lead went to another worker
      }
      Thread wanting = wantedBy.getAndSet(null);
      if (wanting != null && followers.get() > 0 && deferred.isEmpty() && tasks.isEmpty()) {
        release(); // if nobody takes it, the watchdog gives it back to a worker
        java.util.concurrent.locks.LockSupport.unpark(wanting);
        return;
      }
    }
  }

  /**
   * Runs the loop on a caller that holds the lead until {@code done} is complete, {@code
   * deadline} passes or work arrives that a caller must not run (then a worker takes the lead);
   * gives the lead up before returning.
   */
  void leadAsCaller(java.util.concurrent.Future<?> done, long deadline) {
    try {
      while (!done.isDone() && !isShuttingDown() && deferred.isEmpty()) {
        long wait = deadline - System.nanoTime();
        if (wait <= 0 || Thread.currentThread().isInterrupted()) {
          break;
        }
        iterate(wait, false);
      }
    } finally {
      if (!deferred.isEmpty() || followers.get() > 0 || isShuttingDown()) {
        lead.release();
        leadRequested.set(true);
        workers.lead(this); // methods to run, or others waiting: a worker takes over
      } else {
        release();
      }
    }
  }

  /**
   * One round: I/O (waiting up to {@code maxWaitNanos} if there is nothing to do), then tasks;
   * {@code worker} if a worker leads.
   */
  private void iterate(long maxWaitNanos, boolean worker) {
    if (!initialized) {
      initialized = true;
      handler.initialize();
    }
    io.netty.util.concurrent.EventExecutor old =
        io.netty.util.internal.ThreadExecutorMap.setCurrentExecutor(this);
    try {
      if (isTerminated()) {
        return;
      }
      if (isShuttingDown()) {
        runAllTasksBeforeDestroy();
        return;
      }
      context.maxWaitNanos = maxWaitNanos;
      context.worker = worker;
      handler.run(context);
      runAllTasks();
      runFlushes();
    } finally {
      io.netty.util.internal.ThreadExecutorMap.setCurrentExecutor(old);
    }
  }

  /** Runs the deferred work in user mode; false if the lead was lost meanwhile. */
  private boolean runDeferred(Worker me) {
    Runnable work;
    runningDeferred = true;
    try {
      while ((work = deferred.poll()) != null) {
        Leads.runAsUser(this, work);
        if (!lead.isLoopLeader(me)) {
          return false; // the flushes left go to the next leader
        }
      }
    } finally {
      if (lead.isLoopLeader(me)) {
        runningDeferred = false; // else the flag is the next leader's (a stale true only delays)
      }
    }
    runFlushes();
    return true;
  }

  private int runAllTasks() {
    fetchFromScheduledTaskQueue(tasks);
    int ran = 0;
    Runnable task;
    while ((task = tasks.poll()) != null) {
      safeExecute(task);
      ran++;
    }
    if (ran > 0) {
      lastExecutionTime = ticker().nanoTime();
    }
    return ran;
  }

  private void runAllTasksBeforeDestroy() {
    runAllTasks();
    handler.prepareToDestroy();
    cancelScheduledTasks();
    try {
      handler.destroy();
      while (runAllTasks() > 0) {
        // until nothing is left
      }
    } finally {
      terminated();
    }
  }

  /** What the I/O handler may do: block until work, a timer or the caller's deadline. */
  private final class Context implements IoHandlerContext {
    long maxWaitNanos = Long.MAX_VALUE;
    /** A worker leads: a caller asking for the lead must wake it (a leading caller keeps it). */
    boolean worker;

    @Override
    public boolean canBlock() {
      return tasks.isEmpty()
          && !hasScheduledTasks()
          && deferred.isEmpty()
          && (!worker || wantedBy.get() == null)
          && !Thread.currentThread().isInterrupted();
    }

    @Override
    public long delayNanos(long currentTimeNanos) {
      return Math.min(maxWaitNanos, LeadLoop.this.delayNanos(currentTimeNanos, maxWaitNanos));
    }

    @Override
    public long deadlineNanos() {
      long next = nextScheduledTaskDeadlineNanos();
      if (maxWaitNanos == Long.MAX_VALUE) {
        return next;
      }
      long now = ticker().nanoTime();
      return next == -1 || next - now > maxWaitNanos ? now + maxWaitNanos : next;
    }
  }

  @Override
  void shutdownRequested() {
    tasks.add(WAKEUP);
    handler.wakeup();
    requestLead();
  }

  // ---- executor ----

  @Override
  public void execute(Runnable command) {
    java.util.Objects.requireNonNull(command, "command");
    boolean inLoop = inEventLoop();
    if (inLoop && isShutdown()) {
      throw new RejectedExecutionException("event executor terminated");
    }
    tasks.add(command);
    if (!inLoop) {
      if (isShutdown()) {
        // The queue cannot remove it; if the loop still runs it, it finds its work done.
        throw new RejectedExecutionException("event executor terminated");
      }
      handler.wakeup();
      requestLead();
    }
  }

  long lastExecutionTime() {
    return lastExecutionTime;
  }
}
