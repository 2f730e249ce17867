package kaa.rpc.testing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Waits in a test for a fact that no latch or future signals (a list that empties, a status that
 * changes, a count that stops growing), by looking at it every few milliseconds until a deadline.
 * It returns as soon as the fact holds, and fails with an {@link AssertionError} naming what it
 * waited for once the deadline passes; the time given is a limit, never a wait of its own.
 */
public final class Await {
  /** The pause between two looks at the condition. */
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

  private Await() {}

  /**
   * Returns once {@code condition} is true, which may be at once; {@code condition} runs on the
   * calling thread, so it may throw to fail at once.
   *
   * @param timeout how long to wait at most
   * @param what what is awaited, for the failure: "the channel list to empty"
   * @throws AssertionError if {@code condition} is still false after {@code timeout}
   */
  public static void until(Duration timeout, BooleanSupplier condition, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError(
            "timed out after " + timeout.toMillis() + " ms waiting for " + what);
      }
      pause(Math.min(left, POLL_NANOS));
    }
  }

  /**
   * Returns {@code value} once it has stayed the same for {@code quiet}: for a process that must
   * stop by itself (a server that stops reading), where stopping is the fact and no event says
   * so. The value it returns is the one it settled at; a process that does not stop keeps
   * changing it, so a test asserts on that value.
   *
   * @param quiet how long the value must not change
   * @param timeout how long to wait at most for it to settle
   * @param what what is awaited, for the failure: "the server to stop running calls"
   * @throws AssertionError if {@code value} still changed within {@code quiet} of {@code timeout}
   */
  public static long settled(Duration quiet, Duration timeout, LongSupplier value, String what)
      throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    long last = value.getAsLong();
    long since = start;
    while (true) {
      pause(POLL_NANOS);
      long now = System.nanoTime();
      long current = value.getAsLong();
      if (current != last) {
        last = current;
        since = now;
      } else if (now - since >= quiet.toNanos()) {
        return current;
      }
      if (now - deadline >= 0) {
        throw new AssertionError(
            "timed out after "
                + timeout.toMillis()
                + " ms waiting for "
                + what
                + ": still changing, last at "
                + current);
      }
    }
  }

  private static void pause(long nanos) throws InterruptedException {
    TimeUnit.NANOSECONDS.sleep(nanos); // between two looks at the condition, not a wait for it
  }
}
