package kaa.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import kaa.rpc.testing.Await;
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
          // The abandoned call keeps the only slot until its result arrives (or it is dropped
          // unsent); then the slot is free again. A leaked slot never is.
          AtomicReference<CompletableFuture<Object>> next = new AtomicReference<>();
          Await.until(
              Duration.ofSeconds(5),
              () -> {
                next.set(client.rpc("add", 2, 2));
                return !refusedForTheLimit(next.get());
              },
              "round " + i + ": the in-flight slot to be given back");
          Object r;
          try {
            r = next.get().get(5, TimeUnit.SECONDS);
          } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError("round " + i + ": " + e.getCause().getMessage(), e);
          }
          assertEquals(4, r);
        }
      }
    }
  }

  /** True if {@code call} failed at once because the in-flight limit was reached. */
  private static boolean refusedForTheLimit(CompletableFuture<Object> call) {
    if (!call.isCompletedExceptionally()) {
      return false;
    }
    try {
      call.getNow(null);
      return false;
    } catch (CompletionException e) {
      String text = String.valueOf(e.getCause().getMessage());
      return text.contains("already in flight");
    } catch (java.util.concurrent.CancellationException e) {
      return false;
    }
  }
}
