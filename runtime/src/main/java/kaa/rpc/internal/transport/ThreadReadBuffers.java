package kaa.rpc.internal.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.ChannelConfig;
import io.netty.channel.MaxMessagesRecvByteBufAllocator;
import io.netty.util.UncheckedBooleanSupplier;
import io.netty.util.concurrent.FastThreadLocal;
import java.nio.ByteBuffer;

/**
 * Netty's adaptive receive-buffer sizing, except that a read of at most {@value #KEPT_BYTES}
 * bytes goes into a buffer the reading thread keeps, when nothing still holds that buffer.
 *
 * <p>Why: a buffer from Netty's adaptive allocator makes a new NIO view for every read into it,
 * and on a thread that is not Netty's (a caller leading its connection's loop) its outbound and
 * buffer objects are not pooled either; a call read in one small read paid about 64 bytes a side
 * for that view alone. The kept buffer's view is made once.
 *
 * <p>How it stays safe: the thread holds one reference to its buffer for good and hands out a
 * second one per read. The frame decoder releases it once it has read every frame in it, which
 * leaves the thread's reference alone, and the next read on that thread takes it again. While
 * anything else holds it (a partial frame the decoder keeps, a frame the handshake holds), reads
 * go into pooled buffers as before. The buffer is a plain NIO direct buffer, freed by the garbage
 * collector with its thread, so a caller thread that ends leaks nothing.
 */
public final class ThreadReadBuffers implements MaxMessagesRecvByteBufAllocator {
  /** The capacity of each thread's buffer; larger reads go into pooled buffers. */
  public static final int KEPT_BYTES = 8 * 1024;

  private static final FastThreadLocal<ByteBuf> KEPT =
      new FastThreadLocal<>() {
        @Override
        protected ByteBuf initialValue() {
          return Unpooled.wrappedBuffer(ByteBuffer.allocateDirect(KEPT_BYTES)).clear();
        }
      };

  /** Reads a read event may make before it yields: Netty's default for a byte stream. */
  static final int READS_PER_EVENT = 16;

  private final AdaptiveRecvByteBufAllocator sizing = new AdaptiveRecvByteBufAllocator();

  /** An allocator making up to {@value #READS_PER_EVENT} reads a read event, as Netty's own. */
  public ThreadReadBuffers() {
    // Netty sets this for its own allocator from the channel's metadata; one set as an option
    // must say it, or each read event reads once.
    sizing.maxMessagesPerRead(READS_PER_EVENT);
  }

  @Override
  public ExtendedHandle newHandle() {
    return new KeptHandle((ExtendedHandle) sizing.newHandle());
  }

  @Override
  public int maxMessagesPerRead() {
    return sizing.maxMessagesPerRead();
  }

  @Override
  public MaxMessagesRecvByteBufAllocator maxMessagesPerRead(int maxMessagesPerRead) {
    sizing.maxMessagesPerRead(maxMessagesPerRead);
    return this;
  }

  /** The buffer the current thread keeps, retained for one read, or null if it is held. */
  static ByteBuf take() {
    ByteBuf kept = KEPT.get();
    if (kept.refCnt() != 1) { // a reader still holds it
      return null;
    }
    return kept.clear().retain();
  }

  /** The adaptive handle, reading into the thread's kept buffer where it can. */
  private static final class KeptHandle implements ExtendedHandle {
    private final ExtendedHandle sizing;

    KeptHandle(ExtendedHandle sizing) {
      this.sizing = sizing;
    }

    @Override
    public ByteBuf allocate(ByteBufAllocator alloc) {
      if (sizing.guess() <= KEPT_BYTES) {
        ByteBuf kept = take();
        if (kept != null) {
          return kept;
        }
      }
      return sizing.allocate(alloc);
    }

    @Override
    public int guess() {
      return sizing.guess();
    }

    @Override
    public void reset(ChannelConfig config) {
      sizing.reset(config);
    }

    @Override
    public void incMessagesRead(int numMessages) {
      sizing.incMessagesRead(numMessages);
    }

    @Override
    public void lastBytesRead(int bytes) {
      sizing.lastBytesRead(bytes);
    }

    @Override
    public int lastBytesRead() {
      return sizing.lastBytesRead();
    }

    @Override
    public void attemptedBytesRead(int bytes) {
      sizing.attemptedBytesRead(bytes);
    }

    @Override
    public int attemptedBytesRead() {
      return sizing.attemptedBytesRead();
    }

    @Override
    public boolean continueReading() {
      return sizing.continueReading();
    }

    @Override
    public boolean continueReading(UncheckedBooleanSupplier maybeMoreDataSupplier) {
      return sizing.continueReading(maybeMoreDataSupplier);
    }

    @Override
    public void readComplete() {
      sizing.readComplete();
    }
  }
}
