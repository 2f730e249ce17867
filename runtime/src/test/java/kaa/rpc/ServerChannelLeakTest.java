package kaa.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import kaa.rpc.testing.Await;
import org.junit.jupiter.api.Test;

/**
 * A client that leaves while the server's onClientConnected listener runs (a regression test: the
 * server once kept such a channel in its list for good). The listener returns only after the
 * server has seen the connection close, so the channel is then forgotten by the close path, and
 * the server's list of channels must end up empty.
 */
class ServerChannelLeakTest {
  @Test
  void channelOfAClientThatLeftDuringOnClientConnectedIsForgotten() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch clientGone = new CountDownLatch(1);
    CountDownLatch disconnected = new CountDownLatch(1);
    CompletableFuture<Void> sawClose = new CompletableFuture<>();
    try (Server server = new Server("127.0.0.1:0", "s3cret")) {
      server.onClientConnected(
          ch -> {
            ch.onDisconnected((c, why) -> disconnected.countDown());
            entered.countDown();
            try {
              clientGone.await(5, TimeUnit.SECONDS);
              // Return only once the server has seen the connection close.
              Await.until(
                  Duration.ofSeconds(5),
                  () -> ch.status() == Channel.Status.DISCONNECTED,
                  "the server to see the client leave");
              sawClose.complete(null);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              sawClose.completeExceptionally(e);
            } catch (AssertionError e) {
              sawClose.completeExceptionally(e);
            }
          });
      Client client = new Client(server.address(), "s3cret");
      client.connected().get(5, TimeUnit.SECONDS);
      assertTrue(entered.await(5, TimeUnit.SECONDS));
      client.close();
      clientGone.countDown();
      sawClose.get(10, TimeUnit.SECONDS);
      Await.until(
          Duration.ofSeconds(3),
          () -> server.channels().isEmpty(),
          "server.channels() to forget the client that left");
      assertEquals(
          0, server.channels().size(), "server.channels() still lists " + server.channels());
      assertTrue(
          disconnected.await(2, TimeUnit.SECONDS), "onDisconnected never fired for that channel");
    }
  }
}
