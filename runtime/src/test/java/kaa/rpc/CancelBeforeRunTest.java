package kaa.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A call the peer cancels while it still waits in the executor's queue never runs, and gives its
 * slot of {@code maxInboundCalls} back all the same: later calls may still run up to the limit.
 */
class CancelBeforeRunTest {
  @Test
  void callsCancelledBeforeTheyRunGiveTheirSlotBack() throws Exception {
    int limit = 4;
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>());
    AtomicReference<CountDownLatch> queued = new AtomicReference<>(new CountDownLatch(0));
    java.util.concurrent.Executor counting =
        task -> {
          pool.execute(task);
          queued.get().countDown();
        };
    Options options = Options.builder().maxInboundCalls(limit).executor(counting).build();
    AtomicReference<CompletableFuture<Void>> release = new AtomicReference<>();
    AtomicReference<CountDownLatch> started = new AtomicReference<>();
    AtomicInteger quickRan = new AtomicInteger();
    try (Server server = new Server("127.0.0.1:0", "s3cret", options);
        Client client = new Client(server.address(), "s3cret")) {
      server.connect(
          TestDispatchers.function(
              "hold",
              (caller, args) -> {
                started.get().countDown();
                release.get().get(10, TimeUnit.SECONDS);
                return 1;
              }));
      server.connect(
          TestDispatchers.function("quick", (caller, args) -> quickRan.incrementAndGet()));
      int cancelledUnrun = 0;
      for (int round = 0; round < 2; round++) {
        release.set(new CompletableFuture<>());
        started.set(new CountDownLatch(1));
        CompletableFuture<Object> hold = client.rpc("hold");
        assertTrue(started.get().await(5, TimeUnit.SECONDS)); // the one thread is busy
        int before = quickRan.get();
        queued.set(new CountDownLatch(1));
        CompletableFuture<Object> quick = client.rpc("quick");
        assertTrue(queued.get().await(5, TimeUnit.SECONDS)); // read, queued in the executor
        quick.cancel(true);
        // Frames are read in order, and a call to no function is answered on the read: once its
        // answer is here, the CANCEL before it was read and quick is cancelled while queued.
        CompletableFuture<Object> probe = client.rpc("noSuchFunction");
        assertThrows(ExecutionException.class, () -> probe.get(5, TimeUnit.SECONDS));
        release.get().complete(null);
        assertEquals(1, hold.get(5, TimeUnit.SECONDS));
        pool.submit(() -> {}).get(5, TimeUnit.SECONDS); // one thread, in order: quick's turn is over
        cancelledUnrun += quickRan.get() == before ? 1 : 0;
      }
      assertEquals(2, cancelledUnrun, "setup: both quick calls were cancelled before they ran");
      // Now let `limit` calls run at once: all should, as nothing else is in flight.
      pool.setMaximumPoolSize(limit);
      pool.setCorePoolSize(limit);
      release.set(new CompletableFuture<>());
      started.set(new CountDownLatch(limit));
      List<CompletableFuture<Object>> holds = new ArrayList<>();
      for (int i = 0; i < limit; i++) {
        holds.add(client.rpc("hold"));
      }
      boolean all = started.get().await(3, TimeUnit.SECONDS);
      long running = limit - started.get().getCount();
      release.get().complete(null);
      assertTrue(all, "only " + running + " of " + limit + " calls ran at once: slots leaked");
    } finally {
      pool.shutdownNow();
    }
  }
}
