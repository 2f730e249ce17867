package kaa.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SmokeTest {
  @Test
  void untypedCallRoundTripsOverTcp() throws Exception {
    try (Server server = new Server("127.0.0.1:0", "s3cret")) {
      server.connect(new TestDispatchers.Calculator());
      try (Client client = new Client(server.address(), "s3cret")) {
        assertEquals(3, client.rpc("add", 1, 2).get(5, TimeUnit.SECONDS));
        assertEquals(7, client.rpcNamed("add", Map.of("b", 4, "a", 3)).get(5, TimeUnit.SECONDS));
        ExecutionException e =
            assertThrows(ExecutionException.class, () -> client.rpc("fail", "boom").get(5, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertEquals("boom", e.getCause().getMessage());
      }
    }
  }
}
