package kaa.rpc.internal.lead;

import io.netty.channel.EventLoop;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;

/**
 * What the call layer asks of the lead of a {@link LeadLoop}: whether the current thread runs
 * loop code (where a blocking call would deadlock), running user code on the leader, and letting a
 * blocking caller lead its call's loop while it waits.
 */
public final class Leads {
  private Leads() {}

  /** What one thread does: the loop it leads, the user code it runs on a leader. */
  static final class State {
    /** The loop this thread leads (in loop mode while in Netty code), or null. */
    LeadLoop leading;
    /** The loop whose lead this thread holds while it runs user code, or null. */
    LeadLoop userLoop;
    long userWord;
    /** A blocking call is being sent: its loop may be led by this thread. */
    boolean blocking;
  }

  private static final ThreadLocal<State> CALLERS = ThreadLocal.withInitial(State::new);

  private static State callerState() {
    return CALLERS.get();
  }

  /** True if the current thread runs an event loop's code, so it must never block. */
  public static boolean inLoopCode() {
    Thread t = Thread.currentThread();
    if (t instanceof Worker) {
      LeadLoop loop = ((Worker) t).state.leading;
      return loop != null && loop.lead().isLoopLeader(t);
    }
    LeadLoop loop = callerState().leading;
    return loop != null && loop.lead().isLoopLeader(t);
  }

  /** Runs {@code work} on the leader of {@code loop} in user mode (worker, loop mode). */
  static void runAsUser(LeadLoop loop, Runnable work) {
    Worker me = (Worker) Thread.currentThread();
    State s = me.state;
    s.userLoop = loop;
    s.userWord = loop.lead().enterUser();
    loop.workers().poke();
    try {
      work.run();
    } catch (RuntimeException | Error e) {
      me.getUncaughtExceptionHandler().uncaughtException(me, e);
    } finally {
      exitUser();
    }
  }

  /**
   * User code on this thread ended: if it ran on a loop's leader that still leads, it is in loop
   * mode again (and writes its reply itself); if the lead was taken meanwhile, it is a plain
   * thread now. Does nothing on other threads.
   */
  public static void exitUser() {
    Thread t = Thread.currentThread();
    if (t instanceof Worker) {
      State s = ((Worker) t).state;
      LeadLoop loop = s.userLoop;
      if (loop != null) {
        s.userLoop = null;
        // An interrupt meant for the method must not reach the I/O this thread does next: NIO
        // closes a channel whose read or write is interrupted.
        Thread.interrupted();
        loop.lead().exitUser(s.userWord);
      }
    }
  }

  /**
   * On a leader running deferred work (an exposed method's reply): puts {@code flush} off until
   * that work is done; false if the caller should flush now.
   */
  public static boolean deferFlush(EventLoop loop, Runnable flush) {
    return loop instanceof LeadLoop && ((LeadLoop) loop).deferFlush(flush);
  }

  /** Runs {@code work} where it arrives if it arrives on a leader (deferred until its I/O ends). */
  public static boolean deferOnLeader(EventLoop arrivedOn, Runnable work) {
    if (!(arrivedOn instanceof LeadLoop)) {
      return false;
    }
    LeadLoop loop = (LeadLoop) arrivedOn;
    if (!loop.inEventLoop()) {
      return false;
    }
    loop.defer(work);
    return true;
  }

  /**
   * Called before a blocking call is sent: user code on a leader gives the lead up first (the
   * loop must keep running while this thread waits); a plain thread is marked so that the call's
   * loop, if free, is led by this thread. Returns the state to pass to {@link #sent}, or null.
   */
  public static Object beforeBlockingCall() {
    Thread t = Thread.currentThread();
    if (t instanceof Worker) {
      State s = ((Worker) t).state;
      LeadLoop loop = s.userLoop;
      if (loop != null) {
        s.userLoop = null;
        if (loop.lead().revoke(s.userWord)) {
          loop.requestLead();
        }
      }
      return null;
    }
    State s = callerState();
    s.blocking = true;
    return s;
  }

  /**
   * A blocking call did not reach {@link #await}: gives up the loop this thread took when sending
   * it, if any.
   */
  public static void abandon(Object state) {
    State s = (State) state;
    if (s == null) {
      return;
    }
    s.blocking = false;
    LeadLoop held = s.leading;
    if (held != null) {
      s.leading = null;
      held.release();
    }
  }

  /** The call is being handed to {@code loop}: a blocking caller leads it if it is free. */
  public static void sending(EventLoop loop) {
    if (Thread.currentThread() instanceof Worker || !(loop instanceof LeadLoop)) {
      return;
    }
    State s = callerState();
    if (!s.blocking) {
      return;
    }
    s.blocking = false;
    LeadLoop lead = (LeadLoop) loop;
    if (!lead.callerDriven() || s.leading != null) {
      return;
    }
    if (lead.tryAcquire()) {
      s.leading = lead;
    } else {
      lead.wantLead();
    }
  }

  /**
   * Waits until {@code call}, sent on {@code loop}, is done or {@code waitNanos} passed: leads the
   * loop if this thread took it when sending or it becomes free, else parks until woken by the
   * call's completion. {@code wake} is set to the waiting thread for the completion to unpark.
   */
  public static void await(
      Object state, CompletableFuture<?> call, EventLoop loop, Waiter wake, long waitNanos)
      throws InterruptedException {
    long deadline = System.nanoTime() + waitNanos;
    State s = (State) state;
    if (s != null) {
      s.blocking = false;
      leadIfHeld(s, call, deadline);
    }
    if (call.isDone()) {
      return;
    }
    LeadLoop lead = loop instanceof LeadLoop && s != null ? (LeadLoop) loop : null;
    Thread me = Thread.currentThread();
    wake.waiter(me);
    if (lead != null) {
      lead.followers.incrementAndGet();
    }
    try {
      while (!call.isDone()) {
        if (Thread.interrupted()) {
          throw new InterruptedException();
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return;
        }
        if (lead != null && lead.callerDriven() && lead.lead().isFree() && lead.tryAcquire()) {
          s.leading = lead;
          lead.followers.decrementAndGet();
          try {
            leadIfHeld(s, call, deadline);
          } finally {
            lead.followers.incrementAndGet();
          }
          continue;
        }
        LockSupport.parkNanos(call, left);
      }
    } finally {
      wake.waiter(null);
      if (lead != null) {
        lead.followers.decrementAndGet();
        lead.unwant();
      }
    }
  }

  private static void leadIfHeld(State s, CompletableFuture<?> call, long deadline)
      throws InterruptedException {
    LeadLoop held = s.leading;
    if (held == null) {
      return;
    }
    try {
      held.leadAsCaller(call, deadline);
    } finally {
      s.leading = null;
    }
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
  }

  /** A call's hook to unpark the thread that waits for it. */
  public interface Waiter {
    /** The thread to unpark when the call completes, or null. */
    void waiter(Thread thread);
  }
}
