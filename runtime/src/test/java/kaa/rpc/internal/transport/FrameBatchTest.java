package kaa.rpc.internal.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The frame batch alone, on an embedded channel: what reaches the socket, and in what order. */
class FrameBatchTest {
  private final EmbeddedChannel channel = new EmbeddedChannel(new ChannelInboundHandlerAdapter());
  private final ChannelHandlerContext ctx = channel.pipeline().firstContext();
  private final FrameBatch batch = new FrameBatch(ctx);

  private static ByteBuf frame(int size, int fill) {
    ByteBuf b = Unpooled.buffer(size);
    for (int i = 0; i < size; i++) {
      b.writeByte(fill);
    }
    return b;
  }

  /** Everything the channel wrote out, as buffers (released after reading their bytes). */
  private List<byte[]> written() {
    List<byte[]> out = new ArrayList<>();
    ByteBuf b;
    while ((b = channel.readOutbound()) != null) {
      byte[] bytes = new byte[b.readableBytes()];
      b.readBytes(bytes);
      b.release();
      out.add(bytes);
    }
    return out;
  }

  @Test
  void smallFramesOfOneFlushGoOutAsOneBufferInOrder() {
    ByteBuf a = frame(10, 1);
    ByteBuf b = frame(20, 2);
    ByteBuf c = frame(30, 3);
    batch.write(a);
    batch.write(b);
    batch.write(c);
    assertNull(channel.readOutbound(), "nothing goes before the flush");
    batch.flush();
    List<byte[]> out = written();
    assertEquals(1, out.size());
    byte[] all = out.get(0);
    assertEquals(60, all.length);
    assertEquals(1, all[0]);
    assertEquals(2, all[10]);
    assertEquals(3, all[59]);
    assertEquals(0, a.refCnt() + b.refCnt() + c.refCnt(), "copied frames are released");
    batch.discard();
    channel.finishAndReleaseAll();
  }

  @Test
  void aLargeFrameGoesAsItIsAfterWhatWasGathered() {
    batch.write(frame(10, 1));
    ByteBuf big = frame(FrameBatch.SMALL_FRAME + 1, 9);
    batch.write(big);
    batch.write(frame(5, 2));
    batch.flush();
    List<byte[]> out = written();
    assertEquals(3, out.size());
    assertEquals(10, out.get(0).length);
    assertEquals(FrameBatch.SMALL_FRAME + 1, out.get(1).length);
    assertEquals(9, out.get(1)[0]);
    assertEquals(5, out.get(2).length);
    batch.discard();
    channel.finishAndReleaseAll();
  }

  @Test
  void aFullBatchIsHandedOverAndANewOneStarted() {
    int frames = FrameBatch.BATCH_BYTES / 1000 + 1;
    for (int i = 0; i < frames; i++) {
      batch.write(frame(1000, i));
    }
    batch.flush();
    List<byte[]> out = written();
    assertEquals(2, out.size());
    assertEquals(FrameBatch.BATCH_BYTES / 1000 * 1000, out.get(0).length);
    assertEquals(1000, out.get(1).length);
    assertEquals(frames - 1, out.get(1)[0]);
    batch.discard();
    channel.finishAndReleaseAll();
  }

  @Test
  void theOwnBufferIsReusedOnceWrittenAndNotWhileNettyHoldsIt() {
    batch.write(frame(8, 1));
    batch.emit(); // handed to Netty, not yet written
    batch.write(frame(8, 2)); // so this batch needs another buffer
    batch.flush();
    ByteBuf own = channel.readOutbound();
    ByteBuf other = channel.readOutbound();
    assertNotSame(own, other);
    assertEquals(1, own.getByte(own.readerIndex()));
    assertEquals(2, other.getByte(other.readerIndex()));
    own.release();
    other.release();
    batch.write(frame(8, 3));
    batch.flush();
    ByteBuf again = channel.readOutbound();
    assertSame(own, again, "once written, the own buffer is used again");
    assertEquals(3, again.getByte(again.readerIndex()));
    assertEquals(8, again.readableBytes());
    again.release();
    batch.discard();
    assertEquals(0, own.refCnt(), "discard frees the own buffer");
    channel.finishAndReleaseAll();
  }

  @Test
  void discardReleasesWhatWasGatheredAndLaterWritesFail() {
    ByteBuf a = frame(10, 1);
    batch.write(a);
    batch.discard();
    assertNull(channel.readOutbound());
    ByteBuf late = frame(10, 2);
    channel.close();
    batch.write(late);
    assertEquals(0, late.refCnt(), "Netty failed and released the write");
    channel.finishAndReleaseAll();
  }

  /**
   * A channel whose writability changes once 1 KiB waits in Netty, with {@code onChange} run (with
   * the batch) on every change, as the connection's handler does.
   */
  private static final class Watched {
    final EmbeddedChannel channel;
    final FrameBatch batch;

    Watched(java.util.function.Consumer<FrameBatch> onChange) {
      FrameBatch[] made = new FrameBatch[1];
      channel =
          new EmbeddedChannel(
              new ChannelInboundHandlerAdapter() {
                @Override
                public void channelWritabilityChanged(ChannelHandlerContext ctx) {
                  onChange.accept(made[0]);
                }
              });
      channel
          .config()
          .setWriteBufferWaterMark(new io.netty.channel.WriteBufferWaterMark(512, 1024));
      made[0] = new FrameBatch(channel.pipeline().firstContext());
      batch = made[0];
    }

    /** Bytes written out so far (buffers released). */
    int writtenBytes() {
      int n = 0;
      ByteBuf b;
      while ((b = channel.readOutbound()) != null) {
        n += b.readableBytes();
        b.release();
      }
      return n;
    }
  }

  @Test
  void aFrameWrittenWhileAWritabilityChangeFlushedStillGoesAtTheNextFlush() {
    // The connection flushes when the channel turns unwritable or writable again; the frame
    // whose write made the full batch go to Netty must still count as unflushed afterwards.
    Watched w = new Watched(FrameBatch::flushIfNeeded);
    int frames = FrameBatch.BATCH_BYTES / 32 + 1; // the last one hands the full batch over
    byte[] frame = new byte[32];
    for (int i = 0; i < frames; i++) {
      w.batch.write(frame, frame.length);
    }
    w.batch.flushIfNeeded();
    assertEquals(frames * 32, w.writtenBytes(), "every frame reached the socket");
    w.batch.discard();
    w.channel.finishAndReleaseAll();
  }

  @Test
  void framesWrittenByAWritabilityHandlerDuringAWriteDoNotOverfillTheBatch() {
    // While the full batch goes to Netty, the handler writes 3500 bytes into a new one; the
    // frame being written then no longer fits there and must start another.
    byte[] nested = new byte[875];
    boolean[] once = {false};
    Watched w =
        new Watched(
            batch -> {
              if (!once[0]) {
                once[0] = true;
                for (int i = 0; i < 4; i++) {
                  batch.write(nested, nested.length);
                }
              }
            });
    byte[] frame = new byte[1000];
    for (int i = 0; i < 5; i++) { // 4000 bytes, then a fifth that hands the batch over
      w.batch.write(frame, frame.length);
    }
    w.batch.flush();
    assertEquals(5 * 1000 + 4 * 875, w.writtenBytes());
    w.batch.discard();
    w.channel.finishAndReleaseAll();
  }

  @Test
  void bytesWrittenAfterADiscardAreDroppedAndOversizedOnesRefused() {
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class,
        () -> batch.write(new byte[FrameBatch.SMALL_FRAME + 1], FrameBatch.SMALL_FRAME + 1));
    batch.discard();
    batch.write(new byte[10], 10);
    batch.flush();
    assertNull(channel.readOutbound(), "nothing is written after the discard");
    channel.finishAndReleaseAll();
  }
}
