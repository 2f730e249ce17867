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

  @Test
  void maxBufferedReplyBytesDefaultsTo16MiBAndRefusesLessThanOneByteNamingTheValue() {
    assertEquals(16L << 20, Options.defaults().maxBufferedReplyBytes());
    assertEquals(
        Options.DEFAULT_MAX_BUFFERED_REPLY_BYTES, Options.defaults().maxBufferedReplyBytes());
    for (long bad : new long[] {0, -1, Long.MIN_VALUE}) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> Options.builder().maxBufferedReplyBytes(bad));
      assertEquals("maxBufferedReplyBytes must be at least 1, got " + bad, e.getMessage());
    }
    assertEquals(1, Options.builder().maxBufferedReplyBytes(1).build().maxBufferedReplyBytes());
    assertEquals(
        Long.MAX_VALUE,
        Options.builder().maxBufferedReplyBytes(Long.MAX_VALUE).build().maxBufferedReplyBytes());
  }

  @Test
  void toBuilderKeepsEveryLimitAndToStringShowsThem() {
    Options options =
        Options.builder()
            .maxFrameBytes(4096)
            .maxCallsInFlight(7)
            .maxInboundCalls(5)
            .maxBufferedReplyBytes(65_536)
            .keepAliveInterval(Duration.ZERO)
            .build();
    Options copy = options.toBuilder().build();
    assertEquals(65_536, copy.maxBufferedReplyBytes());
    assertEquals(4096, copy.maxFrameBytes());
    assertEquals(7, copy.maxCallsInFlight());
    assertEquals(5, copy.maxInboundCalls());
    assertEquals(Duration.ZERO, copy.keepAliveInterval());
    assertEquals(options.toString(), copy.toString());
    assertTrue(copy.toString().contains(", maxBufferedReplyBytes=65536,"), copy.toString());
    assertEquals(
        1024, copy.toBuilder().maxBufferedReplyBytes(1024).build().maxBufferedReplyBytes());
    assertEquals(65_536, copy.maxBufferedReplyBytes(), "a builder from it leaves it unchanged");
  }

  @Test
  void theOtherLimitsStillNameTheOptionAndTheValue() {
    assertEquals(
        "maxFrameBytes must be at least 1024, got 1023",
        assertThrows(IllegalArgumentException.class, () -> Options.builder().maxFrameBytes(1023))
            .getMessage());
    assertEquals(
        "maxCallsInFlight must be at least 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> Options.builder().maxCallsInFlight(0))
            .getMessage());
    assertEquals(
        "maxInboundCalls must be at least 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> Options.builder().maxInboundCalls(0))
            .getMessage());
    assertEquals(
        "keepAliveInterval must be zero (off) or at least 1 ms, got PT0.0005S",
        assertThrows(
                IllegalArgumentException.class,
                () -> Options.builder().keepAliveInterval(Duration.ofNanos(500_000)))
            .getMessage());
    assertEquals(
        "keepAliveTimeout must be positive, got PT0S",
        assertThrows(
                IllegalArgumentException.class,
                () -> Options.builder().keepAliveTimeout(Duration.ZERO))
            .getMessage());
  }
}
