package kaa.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A client that leaves while the server's onClientConnected listener runs: ChannelCore.attach
 * takes its "not active" branch, which calls HandshakeHandler.finish on a handler whose held list
 * was released (and which the closed pipeline removed), so attemptFailed is never reached.
 */
class ServerChannelLeakTest {
  @Test
  void channelOfAClientThatLeftDuringOnClientConnectedIsForgotten() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch clientGone = new CountDownLatch(1);
    CountDownLatch disconnected = new CountDownLatch(1);
    try (Server server = new Server("127.0.0.1:0", "s3cret")) {
      server.onClientConnected(
          ch -> {
            ch.onDisconnected((c, why) -> disconnected.countDown());
            entered.countDown();
            try {
              clientGone.await(5, TimeUnit.SECONDS);
              Thread.sleep(300); // let the server see the connection close
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
      Client client = new Client(server.address(), "s3cret");
      client.connected().get(5, TimeUnit.SECONDS);
      assertTrue(entered.await(5, TimeUnit.SECONDS));
      client.close();
      clientGone.countDown();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
      while (!server.channels().isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertEquals(
          0, server.channels().size(), "server.channels() still lists " + server.channels());
      assertTrue(
          disconnected.await(2, TimeUnit.SECONDS), "onDisconnected never fired for that channel");
    }
  }
}
