package kaa.rpc;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Options for the calls made through one proxy, such as {@code FooRpc.proxy(channel, options)} or
 * {@code FooRpc.async(channel, options)}. Immutable and thread-safe; {@link #defaults()} changes
 * nothing.
 *
 * <p>A timeout set here replaces the channel's call timeout ({@link Options.Builder#callTimeout})
 * for every call made through the proxy, shorter or longer: each call gets its own deadline,
 * {@code timeout} after the moment it is made (a call queued while the channel connects counts from
 * when it was queued). At its deadline the call fails with {@link RpcTimeoutException} and the peer
 * is told to cancel it, exactly as with the channel's timeout.
 *
 * <pre>{@code
 * Calculator quick = CalculatorRpc.proxy(client, CallOptions.timeout(Duration.ofMillis(200)));
 * CalculatorRpc.async(client).withTimeout(Duration.ofMinutes(5)).add(1, 2);
 * }</pre>
 */
public final class CallOptions {
  private static final CallOptions DEFAULTS = new CallOptions(null);

  private final Duration timeout;

  private CallOptions(Duration timeout) {
    this.timeout = timeout;
  }

  /** Options that change nothing: calls use the channel's call timeout. */
  public static CallOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Options whose calls time out {@code timeout} after they are made, instead of after the
   * channel's call timeout.
   *
   * @throws IllegalArgumentException if {@code timeout} is zero, negative, or too long to count in
   *     nanoseconds (about 292 years)
   * @throws NullPointerException if {@code timeout} is null
   */
  public static CallOptions timeout(Duration timeout) {
    return DEFAULTS.withTimeout(timeout);
  }

  /**
   * These options with calls timing out {@code timeout} after they are made.
   *
   * @throws IllegalArgumentException if {@code timeout} is zero, negative, or too long to count in
   *     nanoseconds (about 292 years)
   * @throws NullPointerException if {@code timeout} is null
   */
  public CallOptions withTimeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
    try {
      timeout.toNanos();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("timeout is too long: " + timeout, e);
    }
    return new CallOptions(timeout);
  }

  /** The timeout of each call, or empty for the channel's call timeout. */
  public Optional<Duration> timeout() {
    return Optional.ofNullable(timeout);
  }

  /** Options are equal when they set the same things. */
  @Override
  public boolean equals(Object other) {
    return other instanceof CallOptions && Objects.equals(((CallOptions) other).timeout, timeout);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(timeout);
  }

  /** {@code "CallOptions{timeout=PT0.05S}"}, or {@code "CallOptions{}"} for the defaults. */
  @Override
  public String toString() {
    return timeout == null ? "CallOptions{}" : "CallOptions{timeout=" + timeout + "}";
  }
}
