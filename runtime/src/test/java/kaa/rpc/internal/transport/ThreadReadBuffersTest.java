package kaa.rpc.internal.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.RecvByteBufAllocator.ExtendedHandle;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The receive-buffer allocator alone: when a read reuses its thread's buffer, and when it must not. */
class ThreadReadBuffersTest {
  private final EmbeddedChannel channel = new EmbeddedChannel();
  private final ByteBufAllocator pooled = PooledByteBufAllocator.DEFAULT;
  private final ExtendedHandle handle = new ThreadReadBuffers().newHandle();

  ThreadReadBuffersTest() {
    handle.reset(channel.config());
  }

  @AfterEach
  void close() {
    channel.finishAndReleaseAll();
  }

  @Test
  void aReleasedReadBufferIsTheNextReadsBuffer() {
    ByteBuf first = handle.allocate(pooled);
    first.writeInt(42);
    first.release();
    ByteBuf second = handle.allocate(pooled);
    try {
      assertSame(first, second, "the thread's buffer is read into again");
      assertEquals(0, second.readableBytes(), "what the last read left is gone");
      assertEquals(ThreadReadBuffers.KEPT_BYTES, second.writableBytes());
    } finally {
      second.release();
    }
  }

  @Test
  void whileAReaderHoldsTheBufferTheNextReadGetsAnother() {
    ByteBuf held = handle.allocate(pooled);
    held.writeLong(7);
    ByteBuf next = handle.allocate(pooled);
    try {
      assertNotSame(held, next);
      assertEquals(7, held.getLong(0), "the held bytes are not written over");
    } finally {
      next.release();
      held.release();
    }
    ByteBuf again = handle.allocate(pooled);
    assertSame(held, again, "once released, the thread's buffer is used again");
    again.release();
  }

  @Test
  void aReadLargerThanTheKeptBufferGoesIntoAPooledOne() {
    int guess = handle.guess();
    handle.attemptedBytesRead(guess);
    handle.lastBytesRead(guess); // a full read: the guess grows
    handle.readComplete();
    assertTrue(handle.guess() > ThreadReadBuffers.KEPT_BYTES, "guess " + handle.guess());
    ByteBuf large = handle.allocate(pooled);
    ByteBuf small = ThreadReadBuffers.take();
    try {
      assertNotSame(small, large);
      assertTrue(large.writableBytes() >= handle.guess(), "capacity " + large.writableBytes());
    } finally {
      large.release();
      small.release();
    }
  }

  @Test
  void eachThreadReadsIntoItsOwnBuffer() throws Exception {
    ByteBuf mine = handle.allocate(pooled);
    try {
      CompletableFuture<ByteBuf> theirs = new CompletableFuture<>();
      Thread other =
          new Thread(
              () -> {
                ByteBuf b = ThreadReadBuffers.take();
                b.release();
                theirs.complete(b);
              });
      other.start();
      assertNotSame(mine, theirs.get(5, TimeUnit.SECONDS));
      other.join();
    } finally {
      mine.release();
    }
  }
}
