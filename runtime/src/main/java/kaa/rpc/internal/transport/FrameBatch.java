package kaa.rpc.internal.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;

/**
 * Gathers the frames one connection writes between two flushes into as few buffers as it can, so
 * a burst of small frames costs Netty one outbound entry and one NIO view instead of one of each
 * per frame. A frame of at most {@value #SMALL_FRAME} bytes is copied (and released) into a batch
 * buffer of {@value #BATCH_BYTES} bytes; a larger frame is written as it is, after what was
 * gathered, so the order of frames never changes.
 *
 * <p>The batch buffer is the connection's own, made on its first write and reused once Netty has
 * written it (its NIO view is made once, where a pooled buffer makes one a write); while Netty
 * still holds it, or once it is full, batches go into pooled buffers. What is gathered is written
 * at the latest by {@link #flush}: at most {@value #BATCH_BYTES} bytes wait here, outside Netty's
 * count of pending bytes. Event loop only.
 */
public final class FrameBatch {
  /** Frames up to this many bytes (length prefix included) are copied into a batch. */
  public static final int SMALL_FRAME = 1024;

  /** The capacity of one batch buffer. */
  public static final int BATCH_BYTES = 4 * 1024;

  private final ChannelHandlerContext ctx;
  /** The connection's own batch buffer (null before the first write and after discard). */
  private ByteBuf own;
  /** The buffer small frames are copied into now: {@link #own} or a pooled one; null if none. */
  private ByteBuf batch;
  private boolean discarded;
  /** Something was written since the last flush. */
  private boolean unflushed;

  /** A batch writing through {@code ctx}. */
  public FrameBatch(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  /** Writes {@code frame} (taking it over); it reaches the socket at the next {@link #flush}. */
  public void write(ByteBuf frame) {
    int size = frame.readableBytes();
    if (size > SMALL_FRAME || discarded) {
      emit();
      ctx.write(frame, ctx.voidPromise()); // after a discard, Netty fails and releases it
    } else {
      try {
        batchWithRoom(size).writeBytes(frame);
      } finally {
        frame.release();
      }
    }
    unflushed = true; // last: a flush run inside the writes above (a writability change) is done
  }

  /**
   * Writes the frame {@code bytes[0, length)} of at most {@value #SMALL_FRAME} bytes, copying it
   * into the batch; it reaches the socket at the next {@link #flush}. After {@link #discard} it is
   * dropped (the connection closed).
   */
  public void write(byte[] bytes, int length) {
    if (length > SMALL_FRAME) {
      throw new IllegalArgumentException(
          "a frame of " + length + " bytes is larger than " + SMALL_FRAME);
    }
    if (discarded) {
      return;
    }
    batchWithRoom(length).writeBytes(bytes, 0, length);
    unflushed = true; // last, as in write(ByteBuf)
  }

  /**
   * The batch, with room for {@code size} bytes (at most {@value #SMALL_FRAME}): a full one is
   * handed to Netty first. Handing it over may change the channel's writability, whose handlers
   * may write and flush (and start a new batch) before this returns, hence the loop.
   */
  private ByteBuf batchWithRoom(int size) {
    while (true) {
      ByteBuf frames = batch;
      if (frames == null) {
        frames = freeBuffer();
        batch = frames;
      }
      if (frames.writableBytes() >= size) {
        return frames;
      }
      emit();
    }
  }

  /** The own buffer if Netty is done with it, else a pooled one. */
  private ByteBuf freeBuffer() {
    if (own == null) {
      own = Unpooled.directBuffer(BATCH_BYTES, BATCH_BYTES);
    }
    if (own.refCnt() == 1) { // only this batch holds it: written, or never handed over
      own.clear();
      return own;
    }
    return ctx.alloc().ioBuffer(BATCH_BYTES, BATCH_BYTES);
  }

  /**
   * Bytes gathered and not yet handed to Netty (at most {@value #BATCH_BYTES}). A plain read: from
   * another thread it may be a moment old, which callers that only estimate accept.
   */
  public int gatheredBytes() {
    ByteBuf frames = batch;
    return frames == null ? 0 : frames.writerIndex();
  }

  /** Hands what was gathered to Netty, without flushing. */
  public void emit() {
    ByteBuf frames = batch;
    if (frames == null) {
      return;
    }
    batch = null;
    ctx.write(frames == own ? frames.retain() : frames, ctx.voidPromise());
  }

  /** Writes what was gathered and flushes the channel. */
  public void flush() {
    unflushed = false;
    emit();
    ctx.flush();
  }

  /** {@link #flush}, if anything was written since the last one. */
  public void flushIfNeeded() {
    if (unflushed) {
      flush();
    }
  }

  /**
   * Writes an empty buffer after every frame written so far; its future completes once they all
   * have been written to the socket. It goes at the next flush.
   */
  public ChannelFuture writeMarker() {
    emit();
    unflushed = true;
    return ctx.write(Unpooled.EMPTY_BUFFER);
  }

  /**
   * Releases what was gathered and not written, and the own buffer (the connection closed); a
   * write after this goes straight to Netty, which fails it.
   */
  public void discard() {
    discarded = true;
    if (batch != null && batch != own) {
      batch.release();
    }
    batch = null;
    if (own != null) {
      own.release(); // freed now, or when Netty lets go of it
      own = null;
    }
  }
}
