package kaa.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
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

  private static final RemoteMethod ECHO =
      RemoteMethod.builder("test.Calculator", 1, "echo")
          .parameter("value", Object.class, "java.lang.Object")
          .returnsValue(Object.class, "java.lang.Object")
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

  @Test
  void aCallRefusedBeforeSendingLeavesNoTimerHoldingIt() throws Exception {
    Options smallFrames = Options.builder().maxFrameBytes(Options.MIN_MAX_FRAME_BYTES).build();
    try (Server server = new Server("127.0.0.1:0", SECRET, smallFrames);
        Client client = new Client(server.address(), SECRET)) {
      server.connect(new TestDispatchers.Calculator());
      client.connected().get(5, TimeUnit.SECONDS);
      WeakReference<CompletableFuture<Object>> refused = tooLargeCall(client);
      // Nothing but a timer left scheduled until the call's deadline, an hour away, can keep the
      // failed call reachable.
      for (int i = 0; i < 50 && refused.get() != null; i++) {
        System.gc();
      }
      assertNull(refused.get(), "the refused call is still held, by its timer");
      assertEquals(3, client.rpc("add", 1, 2).get(5, TimeUnit.SECONDS));
    }
  }

  /** Makes a call with a timeout of an hour whose frame the server refuses; returns it weakly. */
  private static WeakReference<CompletableFuture<Object>> tooLargeCall(Client client) {
    CompletableFuture<Object> call =
        Calls.async(
            client,
            CallOptions.timeout(Duration.ofHours(1)),
            ECHO,
            new Object[] {"x".repeat(4 * Options.MIN_MAX_FRAME_BYTES)});
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> call.get(5, TimeUnit.SECONDS));
    assertInstanceOf(ProtocolException.class, e.getCause());
    return new WeakReference<>(call);
  }
}
