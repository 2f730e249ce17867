package kaa.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What {@link Options.Builder} accepts. */
class OptionsTest {
  /** Longer than the runtime can count in nanoseconds, though it reads like "no timeout". */
  private static final Duration MILLIS_MAX = Duration.ofMillis(Long.MAX_VALUE);

  @Test
  void aDurationTooLongToCountInNanosecondsIsRefusedByTheBuilderNamingTheOption() {
    IllegalArgumentException call =
        assertThrows(
            IllegalArgumentException.class, () -> Options.builder().callTimeout(MILLIS_MAX));
    assertTrue(call.getMessage().startsWith("callTimeout is too long"), call.getMessage());
    IllegalArgumentException handshake =
        assertThrows(
            IllegalArgumentException.class, () -> Options.builder().handshakeTimeout(MILLIS_MAX));
    assertTrue(
        handshake.getMessage().startsWith("handshakeTimeout is too long"), handshake.getMessage());
    IllegalArgumentException reconnect =
        assertThrows(
            IllegalArgumentException.class,
            () -> Options.builder().reconnectInterval(MILLIS_MAX));
    assertTrue(
        reconnect.getMessage().startsWith("reconnectInterval is too long"), reconnect.getMessage());
  }

  @Test
  void theLongestDurationThatCountsInNanosecondsIsAccepted() {
    Duration longest = Duration.ofNanos(Long.MAX_VALUE);
    Options options = Options.builder().callTimeout(longest).handshakeTimeout(longest).build();
    assertEquals(longest, options.callTimeout());
    assertEquals(longest, options.handshakeTimeout());
  }
}
