package kaa.rpc.internal.call;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import kaa.rpc.internal.codec.Messages;
import kaa.rpc.internal.transport.FrameBatch;

/**
 * Bounds the replies of one connection that wait to be written: a result that does not fit in
 * the buffer with what already waits is not encoded but held (the object the function returned),
 * its call still unanswered so reading stays paused; held results are encoded in order as the
 * buffer drains. One reply may always go when nothing waits, so a result larger than the buffer
 * goes out alone. The size of the buffer is {@link kaa.rpc.Options#maxBufferedReplyBytes}.
 *
 * <p>Threads: {@link #prepare} runs on any thread (it claims space with a compare-and-set and
 * counts results about to be held); everything else runs on the event loop, which alone touches
 * the queue of held results.
 */
final class ReplyBuffer {

  /** The connection the buffer writes through (event loop). */
  interface Link {
    /** True once the connection closed: held results are dropped, not written. */
    boolean isClosed();

    /**
     * Bytes written and gathered in the connection's frame batch, not yet handed to Netty; read
     * from any thread, where it may be a moment old.
     */
    int gatheredBytes();

    /** Writes {@code frame}; it is flushed when the link flushes. */
    void write(ByteBuf frame);

    /**
     * Writes the small frame {@code bytes[0, length)} (at most {@link FrameBatch#SMALL_FRAME}
     * bytes), copying it into the connection's frame batch; it is flushed when the link flushes.
     */
    void write(byte[] bytes, int length);

    /**
     * Writes an empty buffer after every frame written so far; its future completes once they
     * have all been written to the socket. A flush is needed after it.
     */
    ChannelFuture writeMarker();

    /** Flushes what was written, if anything. */
    void flushIfNeeded();

    /** The call no longer runs: it is answered or dropped (before its reply is written). */
    void stopRunning(InboundCall call);

    /** One call fewer is in flight (after its reply is written or dropped). */
    void answered();
  }

  private final ChannelHandlerContext ctx;
  private final Replies replies;
  private final Link link;
  /**
   * Reply bytes that may wait to be written (on top of one reply, whatever its size); a result
   * that would exceed it while the caller does not read is held until it fits.
   */
  private final long limit;
  private final AtomicLong queuedReplyBytes = new AtomicLong();
  /** Results held until they fit, in order (event loop). */
  private final ArrayDeque<InboundCall> held = new ArrayDeque<>();
  /** Results held or about to be (any thread): while any are, new results wait behind them. */
  private final AtomicInteger holding = new AtomicInteger();
  private boolean draining;
  private boolean drainHook;

  /** A buffer of {@code limit} bytes for the replies {@code link} writes through {@code ctx}. */
  ReplyBuffer(ChannelHandlerContext ctx, Replies replies, Link link, long limit) {
    this.ctx = ctx;
    this.replies = replies;
    this.link = link;
    this.limit = limit;
  }

  /**
   * The function of {@code call}, not cancelled, returned {@code value} or threw {@code error}
   * (any thread): encodes the reply into {@code call.reply} if it fits in the buffer, else marks
   * the result held. An error is always encoded (it is small). The caller then hands the call to
   * the event loop, which passes a held one to {@link #arrived}.
   */
  void prepare(InboundCall call, Object value, Throwable error) {
    if (error == null) {
      long waiting = bufferedReplyBytes();
      if (holding.get() > 0 || waiting >= limit) {
        hold(call, value, -1); // not even encoded: it could not go now
        return;
      }
      ByteBuf frame = replies.encode(ctx.alloc(), call.id, value, null);
      int size = frame.readableBytes();
      if (!reserve(size)) {
        frame.release();
        hold(call, value, size);
        return;
      }
      call.reply = frame;
    } else {
      ByteBuf frame = replies.encode(ctx.alloc(), call.id, null, error);
      queuedReplyBytes.addAndGet(frame.readableBytes());
      call.reply = frame;
    }
  }

  /**
   * On the event loop, the function of {@code call}, not cancelled, returned {@code value}: as
   * {@link #prepare}, but a reply of at most {@link FrameBatch#SMALL_FRAME} bytes that fits is
   * written into the connection's frame batch at once, with no buffer of its own. True if it was
   * written (the call is answered; nothing was reserved); false if {@link #prepare} would have
   * left it: encoded in {@code call.reply}, or held.
   */
  boolean writeOrPrepare(InboundCall call, Object value) {
    long waiting = bufferedReplyBytes();
    if (holding.get() > 0 || waiting >= limit) {
      hold(call, value, -1); // not even encoded: it could not go now
      return false;
    }
    ByteBuf frame = replies.encodeResult(ctx.alloc(), call.id, value, this, ReplyBuffer::gather);
    if (frame == null) {
      return true;
    }
    int size = frame.readableBytes();
    if (!reserve(size)) {
      frame.release();
      hold(call, value, size);
      return false;
    }
    call.reply = frame;
    return false;
  }

  /** The sink of {@link #writeOrPrepare}: writes a small frame that fits, else copies it out. */
  private static ByteBuf gather(ReplyBuffer buffer, byte[] bytes, int length) {
    if (length <= FrameBatch.SMALL_FRAME
        && length - 4 <= buffer.replies.peerMaxFrame()
        && buffer.reserve(length)) { // counted as any reply, against replies other threads make
      buffer.link.write(bytes, length); // now in the batch, which the buffered bytes count
      buffer.queuedReplyBytes.addAndGet(-length);
      return null;
    }
    return Messages.copy(buffer.ctx.alloc(), bytes, length);
  }

  private void hold(InboundCall call, Object value, int size) {
    holding.incrementAndGet();
    call.held = new InboundCall.Held(value, size);
  }

  /** Counts {@code size} bytes as queued if they fit with what waits (or nothing waits). */
  private boolean reserve(int size) {
    long netty = nettyPendingBytes();
    while (true) {
      long queued = queuedReplyBytes.get();
      long waiting = queued + netty;
      if (waiting != 0 && waiting + size > limit) {
        return false;
      }
      if (queuedReplyBytes.compareAndSet(queued, queued + size)) {
        return true;
      }
    }
  }

  /** The encoded {@code reply} of {@link #prepare} left the queue: written or released. */
  void dequeued(ByteBuf reply) {
    queuedReplyBytes.addAndGet(-reply.readableBytes());
  }

  /** A held call reached the event loop: queues it behind the others, or drops it if it ended. */
  void arrived(InboundCall call) {
    if (link.isClosed() || call.isCancelled()) {
      release(call);
      link.stopRunning(call);
      link.answered();
    } else {
      held.add(call); // stays running: the peer may still cancel it
      drain();
    }
  }

  /** The peer cancelled {@code call}: drops its held result; true if it was held. */
  boolean cancel(InboundCall call) {
    if (!held.remove(call)) {
      return false;
    }
    release(call);
    return true;
  }

  /** The connection closed: drops every held result. */
  void close() {
    for (InboundCall call : held) {
      release(call);
    }
    held.clear();
  }

  private void release(InboundCall call) {
    call.held = null;
    holding.decrementAndGet();
  }

  /**
   * Encodes and writes held results, in order, while they fit (event loop). If some still wait
   * and no writability event will come (the channel is writable), an empty write tells when what
   * is buffered now has been written, and they are tried again then.
   */
  void drain() {
    if (draining) {
      return; // the outer loop reads the buffer afresh
    }
    draining = true;
    try {
      while (!link.isClosed() && !held.isEmpty()) {
        InboundCall call = held.peek();
        long waiting = bufferedReplyBytes();
        long known = call.held.size < 0 ? 1 : call.held.size;
        if (waiting != 0 && waiting + known > limit) {
          break;
        }
        ByteBuf frame = replies.encode(ctx.alloc(), call.id, call.held.result, null);
        if (waiting != 0 && waiting + frame.readableBytes() > limit) {
          call.held.size = frame.readableBytes();
          frame.release();
          break;
        }
        held.poll();
        release(call);
        link.stopRunning(call);
        link.write(frame);
        link.answered();
      }
      if (!link.isClosed() && !held.isEmpty() && !drainHook && ctx.channel().isWritable()) {
        drainHook = true;
        link.writeMarker()
            .addListener(
                written -> {
                  drainHook = false;
                  drain();
                  link.flushIfNeeded();
                });
      }
    } finally {
      draining = false;
    }
  }

  /** Reply bytes handed over and not yet written out: queued here, in the batch and in Netty. */
  private long bufferedReplyBytes() {
    return queuedReplyBytes.get() + nettyPendingBytes();
  }

  private long nettyPendingBytes() {
    ChannelOutboundBuffer buffer = ctx.channel().unsafe().outboundBuffer();
    return (buffer == null ? 0 : buffer.totalPendingWriteBytes()) + link.gatheredBytes();
  }

}
