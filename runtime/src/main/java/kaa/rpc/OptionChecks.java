package kaa.rpc;

import java.time.Duration;
import java.util.Objects;

/**
 * The checks {@link Options.Builder} makes of the values it is given. Each returns the value it
 * accepts; otherwise it throws an {@link IllegalArgumentException} naming the option, the rule and
 * the value (a {@link NullPointerException} naming the option for a null where none is allowed).
 */
final class OptionChecks {
  private OptionChecks() {}

  /** {@code value} if it is at least {@code min}. */
  static int atLeast(int value, int min, String option) {
    if (value < min) {
      throw new IllegalArgumentException(option + " must be at least " + min + ", got " + value);
    }
    return value;
  }

  /** {@code value} if it is at least {@code min}. */
  static long atLeast(long value, long min, String option) {
    if (value < min) {
      throw new IllegalArgumentException(option + " must be at least " + min + ", got " + value);
    }
    return value;
  }

  /**
   * {@code d} if it is positive and short enough to count in nanoseconds (about 292 years): the
   * runtime counts in nanoseconds, so what it could not count is refused here.
   */
  static Duration positive(Duration d, String option) {
    Objects.requireNonNull(d, option);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(option + " must be positive, got " + d);
    }
    try {
      d.toNanos();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          option + " is too long to count in nanoseconds (about 292 years): " + d, e);
    }
    return d;
  }

  /** {@code d} if it is zero (the feature is off) or at least 1 ms. */
  static Duration zeroOrAtLeastOneMilli(Duration d, String option) {
    Objects.requireNonNull(d, option);
    if (d.isNegative() || (!d.isZero() && d.toMillis() < 1)) {
      throw new IllegalArgumentException(
          option + " must be zero (off) or at least 1 ms, got " + d);
    }
    return d;
  }
}
