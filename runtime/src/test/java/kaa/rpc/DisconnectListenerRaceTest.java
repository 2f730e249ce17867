package kaa.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * ChannelCore.linkLost sets status DISCONNECTED, fires the listeners and sets closed under the
 * lock, but "gone" is set only later, in goneForGood's own critical section. A listener added in
 * between is neither in the list fire() walked nor sees gone, so it never fires.
 */
class DisconnectListenerRaceTest {
  @Test
  void listenerAddedOnceDisconnectedAlwaysFires() throws Exception {
    int rounds = 200;
    int lost = 0;
    BlockingQueue<Channel> accepted = new LinkedBlockingQueue<>();
    try (Server server = new Server("127.0.0.1:0", "s3cret")) {
      server.onClientConnected(accepted::add);
      try (Client keepAlive = new Client(server.address(), "s3cret")) { // keeps the I/O group up
        keepAlive.connected().get(5, TimeUnit.SECONDS);
        accepted.poll(5, TimeUnit.SECONDS);
        for (int i = 0; i < rounds; i++) {
          Client client = new Client(server.address(), "s3cret");
          client.connected().get(5, TimeUnit.SECONDS);
          Channel ch = accepted.poll(5, TimeUnit.SECONDS);
          int spinners = 4;
          CountDownLatch fired = new CountDownLatch(spinners);
          Thread[] threads = new Thread[spinners];
          for (int t = 0; t < spinners; t++) {
            threads[t] =
                new Thread(
                    () -> {
                      while (ch.status() != Channel.Status.DISCONNECTED) {
                        Thread.onSpinWait();
                      }
                      ch.onDisconnected((c, why) -> fired.countDown());
                    });
            threads[t].start();
          }
          client.close();
          for (Thread t : threads) {
            t.join(5000);
          }
          if (!fired.await(2, TimeUnit.SECONDS)) {
            lost += (int) fired.getCount();
          }
        }
      }
    }
    assertEquals(0, lost, lost + " onDisconnected listeners (4 per round, " + rounds + " rounds) never fired");
  }
}
