package kaa.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import kaa.rpc.testing.Await;
import org.junit.jupiter.api.Test;

/**
 * A reconnecting client loses its connection (onDisconnected fires, status CONNECTING), then the
 * user closes it while it is still trying: goneForGood sees status CONNECTING and fires every
 * onDisconnected listener a second time for the same disconnection.
 */
class ReconnectDoubleFireTest {
  @Test
  void closingAReconnectingClientAfterALossDoesNotFireDisconnectedAgain() throws Exception {
    Options options = Options.builder().reconnectInterval(Duration.ofMillis(200)).build();
    List<RpcException> reasons = new CopyOnWriteArrayList<>();
    Server server = new Server("127.0.0.1:0", "s3cret");
    Client client = new Client(server.address(), "s3cret", options);
    try {
      client.connected().get(5, TimeUnit.SECONDS);
      client.onDisconnected((ch, why) -> reasons.add(why));
      server.close();
      Await.until(
          Duration.ofSeconds(5),
          () -> !reasons.isEmpty(),
          "onDisconnected after the server closed");
      assertEquals(1, reasons.size());
      client.close();
      // Listeners run in order on one executor, and one added once the client is closed for good
      // runs at once, after them: a second report of the loss would come before it.
      Await.until(
          Duration.ofSeconds(5),
          () -> client.status() == Channel.Status.DISCONNECTED,
          "the client to be closed");
      CompletableFuture<RpcException> last = new CompletableFuture<>();
      client.onDisconnected((ch, why) -> last.complete(why));
      last.get(5, TimeUnit.SECONDS);
      assertEquals(1, reasons.size(), "onDisconnected fired again on close: " + reasons);
    } finally {
      client.close();
    }
  }
}
