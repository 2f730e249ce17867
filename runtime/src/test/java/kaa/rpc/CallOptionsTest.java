package kaa.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallOptionsTest {
  @Test
  void defaultsSetNoTimeoutSoTheChannelsApplies() {
    assertEquals(Optional.empty(), CallOptions.defaults().timeout());
    assertSame(CallOptions.defaults(), CallOptions.defaults());
    assertEquals("CallOptions{}", CallOptions.defaults().toString());
  }

  @Test
  void timeoutIsKeptAndOptionsWithTheSameTimeoutAreEqual() {
    CallOptions options = CallOptions.timeout(Duration.ofMillis(50));
    assertEquals(Optional.of(Duration.ofMillis(50)), options.timeout());
    assertEquals(options, CallOptions.defaults().withTimeout(Duration.ofMillis(50)));
    assertEquals(options.hashCode(), CallOptions.timeout(Duration.ofMillis(50)).hashCode());
    assertNotEquals(options, CallOptions.defaults());
    assertNotEquals(options, CallOptions.timeout(Duration.ofMillis(51)));
    assertEquals("CallOptions{timeout=PT0.05S}", options.toString());
  }

  @Test
  void withTimeoutLeavesTheOriginalAsItWas() {
    CallOptions first = CallOptions.timeout(Duration.ofSeconds(1));
    CallOptions second = first.withTimeout(Duration.ofSeconds(2));
    assertEquals(Optional.of(Duration.ofSeconds(1)), first.timeout());
    assertEquals(Optional.of(Duration.ofSeconds(2)), second.timeout());
  }

  @Test
  void aTimeoutThatIsNotPositiveOrTooLongIsRefusedWithTheValue() {
    IllegalArgumentException zero =
        assertThrows(IllegalArgumentException.class, () -> CallOptions.timeout(Duration.ZERO));
    assertTrue(zero.getMessage().contains("PT0S"), zero.getMessage());
    assertThrows(IllegalArgumentException.class, () -> CallOptions.timeout(Duration.ofMillis(-1)));
    IllegalArgumentException huge =
        assertThrows(
            IllegalArgumentException.class,
            () -> CallOptions.timeout(Duration.ofSeconds(Long.MAX_VALUE)));
    assertTrue(huge.getMessage().contains("too long"), huge.getMessage());
    assertThrows(NullPointerException.class, () -> CallOptions.timeout(null));
  }
}
