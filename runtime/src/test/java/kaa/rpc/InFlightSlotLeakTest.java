package kaa.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The future rpc() returns is a plain CompletableFuture to the user, who may complete it
 * (complete, completeExceptionally, orTimeout, completeOnTimeout). If that happens before the
 * event loop drains the call, SentCalls.handle(NEW) sees isDone(), drops the frame and marks it
 * FINISHED without PendingCall.release(): the in-flight slot is never given back.
 */
class InFlightSlotLeakTest {
  @Test
  void completingTheFutureYourselfDoesNotLeakAnInFlightSlot() throws Exception {
    Options options = Options.builder().maxCallsInFlight(1).build();
    try (Server server = new Server("127.0.0.1:0", "s3cret")) {
      server.connect(new TestDispatchers.Calculator());
      try (Client client = new Client(server.address(), "s3cret", options)) {
        client.connected().get(5, TimeUnit.SECONDS);
        assertEquals(3, client.rpc("add", 1, 2).get(5, TimeUnit.SECONDS));
        for (int i = 0; i < 20; i++) {
          CompletableFuture<Object> f = client.rpc("add", 1, 2);
          f.complete(-1); // the user gives up on it, e.g. through orTimeout
          Thread.sleep(20); // any result has long arrived
          Object r;
          try {
            r = client.rpc("add", 2, 2).get(5, TimeUnit.SECONDS);
          } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError("round " + i + ": " + e.getCause().getMessage(), e);
          }
          assertEquals(4, r);
        }
      }
    }
  }
}
