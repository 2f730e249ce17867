package kaa.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import kaa.rpc.spi.Calls;
import kaa.rpc.spi.RemoteMethod;
import org.junit.jupiter.api.Test;

/** Per-call timeouts ({@link CallOptions}) at their edges, through {@link Calls}. */
class PerCallTimeoutTest {
  private static final String SECRET = "per-call secret";

  private static final RemoteMethod ADD =
      RemoteMethod.builder("test.Calculator", 0, "add")
          .parameter("a", int.class, "int")
          .parameter("b", int.class, "int")
          .returnsValue(Integer.class, "int")
          .build();

  @Test
  void theLongestTimeoutCallOptionsAcceptsWaitsForTheResult() throws Exception {
    CallOptions longest = CallOptions.timeout(Duration.ofNanos(Long.MAX_VALUE));
    try (Server server = new Server("127.0.0.1:0", SECRET);
        Client client = new Client(server.address(), SECRET)) {
      server.connect(new TestDispatchers.Calculator());
      assertEquals(3, Calls.<Integer>blocking(client, longest, ADD, new Object[] {1, 2}));
      assertEquals(
          5,
          Calls.<Integer>async(client, longest, ADD, new Object[] {2, 3})
              .get(5, TimeUnit.SECONDS));
    }
  }
}
