package kaa.rpc.internal.lead;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Who leads a {@link LeadLoop}, and in which mode: the state machine of the lead.
 *
 * <pre>
 *   FREE --tryAcquire--> CLAIMING --> LOOP --enterUser--> USER --exitUser--> LOOP
 *   LOOP --release--> FREE          USER --revoke (watchdog, or a blocking call)--> FREE
 * </pre>
 *
 * <p>Only the leader moves the lead out of {@code LOOP}; in {@code USER} (the leader runs an
 * exposed method) anyone may revoke it. The word holds the mode in its low bits and a generation
 * above them that every acquisition and revocation bumps, so a leader whose lead was revoked
 * cannot take a later lead for its own when its method returns.
 */
final class Lead {
  static final int FREE = 0;
  static final int CLAIMING = 1;
  static final int LOOP = 2;
  static final int USER = 3;
  private static final long MODE = 3;

  private final AtomicLong word = new AtomicLong();
  private volatile Thread leader;
  /** When the current mode began, for the watchdog ({@link System#nanoTime()}). */
  private volatile long since = System.nanoTime();

  static int mode(long word) {
    return (int) (word & MODE);
  }

  private static long next(long word, int mode) {
    return ((word >>> 2) + 1) << 2 | mode;
  }

  long word() {
    return word.get();
  }

  long since() {
    return since;
  }

  boolean isFree() {
    return mode(word.get()) == FREE;
  }

  /** True if {@code thread} leads in loop mode: Netty's "in the event loop". */
  boolean isLoopLeader(Thread thread) {
    // The word first: a LOOP word was written after its leader, so the leader read next is its.
    return mode(word.get()) == LOOP && leader == thread;
  }

  /** True if {@code thread} leads, in either mode. */
  boolean isLeader(Thread thread) {
    int mode = mode(word.get());
    return (mode == LOOP || mode == USER) && leader == thread;
  }

  boolean tryAcquire(Thread thread) {
    long w = word.get();
    if (mode(w) != FREE || !word.compareAndSet(w, next(w, CLAIMING))) {
      return false;
    }
    leader = thread;
    word.set((w & ~MODE) + 4 | LOOP); // the generation of the CLAIMING word, in LOOP mode
    return true;
  }

  /** The leader gives up its lead (from loop mode). */
  void release() {
    since = System.nanoTime();
    long w = word.get();
    word.set(w & ~MODE | FREE);
  }

  /** The leader starts running user code; returns the word to give to {@link #exitUser}. */
  long enterUser() {
    since = System.nanoTime(); // before the word: whoever reads the word then reads this since
    long w = next(word.get(), USER); // a new generation: each method's user word is its own
    word.set(w);
    return w;
  }

  /** The leader's user code ended; true if it still leads (back in loop mode). */
  boolean exitUser(long userWord) {
    return word.compareAndSet(userWord, userWord & ~MODE | LOOP);
  }

  /** Takes the lead from a leader running user code; true if this took it. */
  boolean revoke(long userWord) {
    if (mode(userWord) != USER) {
      return false;
    }
    since = System.nanoTime();
    return word.compareAndSet(userWord, next(userWord, FREE));
  }
}
