package kaa.rpc.internal.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.DefaultEventLoop;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What the outbox does with work once its event loop has stopped: it discards every item. */
class OutboxTest {
  /** Records what it was given. */
  private static final class Recorder implements Outbox.Sink {
    final List<Object> processed = new CopyOnWriteArrayList<>();
    final List<Object> discarded = new CopyOnWriteArrayList<>();

    @Override
    public void process(Object op) {
      processed.add(op);
    }

    @Override
    public void flush() {}

    @Override
    public void discard(Object op) {
      discarded.add(op);
    }
  }

  @Test
  void everyItemQueuedAfterTheLoopStoppedIsDiscarded() throws Exception {
    DefaultEventLoop loop = new DefaultEventLoop();
    loop.shutdownGracefully(0, 0, TimeUnit.SECONDS).sync();
    Recorder sink = new Recorder();
    Outbox outbox = new Outbox(loop, sink);
    for (int i = 0; i < 5; i++) {
      outbox.add("item " + i); // the first finds the loop stopped; the later ones must not wait
    }
    assertEquals(5, sink.discarded.size(), "discarded: " + sink.discarded);
    assertEquals(0, sink.processed.size());
  }

  @Test
  void itemsQueuedFromManyThreadsWhileTheLoopStopsAreEachProcessedOrDiscarded() throws Exception {
    for (int round = 0; round < 20; round++) {
      DefaultEventLoop loop = new DefaultEventLoop();
      Recorder sink = new Recorder();
      Outbox outbox = new Outbox(loop, sink);
      int threads = 4;
      int each = 500;
      CountDownLatch go = new CountDownLatch(1);
      CountDownLatch done = new CountDownLatch(threads);
      for (int t = 0; t < threads; t++) {
        int first = t * each;
        new Thread(
                () -> {
                  try {
                    go.await();
                    for (int i = first; i < first + each; i++) {
                      outbox.add(i);
                    }
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  } finally {
                    done.countDown();
                  }
                })
            .start();
      }
      go.countDown();
      loop.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      assertTrue(done.await(10, TimeUnit.SECONDS));
      loop.terminationFuture().sync();
      assertEquals(
          threads * each,
          sink.processed.size() + sink.discarded.size(),
          "round " + round + ": every item processed or discarded");
    }
  }
}
