package kaa.rpc.internal.call;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import kaa.rpc.DisconnectedException;
import kaa.rpc.ProtocolException;
import kaa.rpc.RpcException;
import kaa.rpc.internal.codec.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One authenticated connection: the last handler of the pipeline, after the {@link
 * MessageCodec}. It writes outgoing calls and times them out, matches results to them, hands
 * incoming calls to {@link IncomingCalls} through its {@link InboundFlow}, and writes replies.
 *
 * <p>Threads: the tables of sent and running calls are touched only on the event loop. Other
 * threads hand frames over through an {@link Outbox}. Frames written on the event loop while it
 * reads are flushed once when the read ends.
 *
 * <p>Replies are bounded: a result that does not fit in the reply buffer with what already waits
 * is not encoded but held (the object the function returned), its call still unanswered so
 * reading stays paused; held results are encoded in order, on the event loop, as the buffer
 * drains. One reply may always go when nothing waits, so a result larger than the buffer goes
 * out alone.
 */
final class Connection extends ChannelInboundHandlerAdapter implements Outbox.Sink {
  private static final Logger log = LoggerFactory.getLogger(Connection.class);
  /**
   * Reply bytes that may wait to be written (on top of one reply, whatever its size); a result
   * that would exceed it while the caller does not read is held until it fits.
   */
  static final long MAX_BUFFERED_REPLY_BYTES = 16L << 20;

  private final ChannelCore core;
  private final IncomingCalls incoming;
  private final Replies replies;
  private final CallTable<InboundCall> running = new CallTable<>();
  private final AtomicLong queuedReplyBytes = new AtomicLong();
  /** Results held until they fit, in order (event loop). */
  private final ArrayDeque<InboundCall> held = new ArrayDeque<>();
  /** Results held or about to be (any thread): while any are, new results wait behind them. */
  private final AtomicInteger holding = new AtomicInteger();
  private final int inboundLimit;
  private final boolean serverSide;
  private ChannelHandlerContext ctx;
  private InboundFlow flow;
  private Outbox outbox;
  private SentCalls sent;
  private boolean draining;
  private boolean drainHook;
  private boolean reading;
  private boolean needsFlush;
  private volatile boolean closed;
  private RpcException failure;

  Connection(
      ChannelCore core,
      IncomingCalls incoming,
      Replies replies,
      int inboundLimit,
      boolean serverSide) {
    this.core = core;
    this.incoming = incoming;
    this.replies = replies;
    this.inboundLimit = inboundLimit;
    this.serverSide = serverSide;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    this.outbox = new Outbox(ctx.executor(), this);
    this.sent = new SentCalls(ctx, this::write, core.peer(), core.defaultTimeoutNanos());
    this.flow =
        new InboundFlow(ctx.channel(), inboundLimit, serverSide, this::serve);
  }

  String peer() {
    return core.peer();
  }

  int peerMaxFrame() {
    return replies.peerMaxFrame();
  }

  // ---- outgoing calls (any thread) ----

  /** Sends {@code call}, whose frame is encoded; fails it if the frame is too large. */
  void offer(PendingCall call) {
    int size = call.frame.readableBytes() - 4;
    if (size > replies.peerMaxFrame()) {
      call.frame.release();
      call.frame = null;
      call.fail(
          new ProtocolException(
              Texts.forCall(
                  Texts.callFrameTooLarge(size, replies.peerMaxFrame()), call.describe(), peer())));
      return;
    }
    call.link = this;
    enqueue(call);
  }

  /**
   * The function of {@code call} returned {@code value} or threw {@code error} (any thread):
   * encodes the reply if it fits in the reply buffer, else holds the result, and hands the call
   * to the event loop. An error is always encoded (it is small).
   */
  void finish(InboundCall call, Object value, Throwable error) {
    if (call.isCancelled()) {
      enqueue(call); // dropped: no reply
      return;
    }
    if (error == null) {
      long waiting = bufferedReplyBytes();
      if (holding.get() > 0 || waiting >= MAX_BUFFERED_REPLY_BYTES) {
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
    enqueue(call);
  }

  private void hold(InboundCall call, Object value, int size) {
    holding.incrementAndGet();
    call.held = true;
    call.heldResult = value;
    call.heldSize = size;
    enqueue(call);
  }

  /** Counts {@code size} bytes as queued if they fit with what waits (or nothing waits). */
  private boolean reserve(int size) {
    long netty = nettyPendingBytes();
    while (true) {
      long queued = queuedReplyBytes.get();
      long waiting = queued + netty;
      if (waiting != 0 && waiting + size > MAX_BUFFERED_REPLY_BYTES) {
        return false;
      }
      if (queuedReplyBytes.compareAndSet(queued, queued + size)) {
        return true;
      }
    }
  }

  void enqueue(Object op) {
    if (ctx.executor().inEventLoop()) {
      process(op);
      if (!reading) {
        flushIfNeeded();
      }
    } else {
      outbox.add(op);
    }
  }

  @Override
  public void discard(Object op) {
    if (op instanceof PendingCall) {
      PendingCall call = (PendingCall) op;
      ReferenceCountUtil.release(call.frame);
      call.frame = null;
      call.fail(
          new DisconnectedException(
              Texts.forCall(Texts.lostBeforeSent("I/O threads stopped"), call.describe(), peer())));
    } else {
      InboundCall call = (InboundCall) op;
      ReferenceCountUtil.release(call.reply);
      call.heldResult = null;
    }
    log.debug("connection to {}: I/O threads stopped; dropped {}", peer(), op);
  }

  @Override
  public void flush() {
    flushIfNeeded();
  }

  void flushIfNeeded() {
    if (needsFlush) {
      needsFlush = false;
      ctx.flush();
    }
  }

  private void write(ByteBuf frame) {
    ctx.write(frame, ctx.voidPromise());
    needsFlush = true;
  }

  @Override
  public void process(Object op) {
    if (op instanceof PendingCall) {
      sent.handle((PendingCall) op, closed ? reason() : null);
      return;
    }
    InboundCall call = (InboundCall) op;
    if (call.held) {
      if (closed || call.isCancelled()) {
        dropHeld(call);
        running.remove(call.id);
        flow.answered();
      } else {
        held.add(call); // stays running: the peer may still cancel it
        drainHeld();
      }
      return;
    }
    running.remove(call.id);
    ByteBuf reply = call.reply;
    call.reply = null;
    if (reply != null) {
      queuedReplyBytes.addAndGet(-reply.readableBytes());
      if (closed || call.isCancelled()) {
        reply.release();
      } else {
        write(reply);
      }
    }
    flow.answered();
  }

  private void dropHeld(InboundCall call) {
    call.held = false;
    call.heldResult = null;
    holding.decrementAndGet();
  }

  /**
   * Encodes and writes held results, in order, while they fit (event loop). If some still wait
   * and no writability event will come (the channel is writable), an empty write tells when what
   * is buffered now has been written, and they are tried again then.
   */
  private void drainHeld() {
    if (draining) {
      return; // the outer loop reads the buffer afresh
    }
    draining = true;
    try {
      while (!closed && !held.isEmpty()) {
        InboundCall call = held.peek();
        long waiting = bufferedReplyBytes();
        long known = call.heldSize < 0 ? 1 : call.heldSize;
        if (waiting != 0 && waiting + known > MAX_BUFFERED_REPLY_BYTES) {
          break;
        }
        ByteBuf frame = replies.encode(ctx.alloc(), call.id, call.heldResult, null);
        if (waiting != 0 && waiting + frame.readableBytes() > MAX_BUFFERED_REPLY_BYTES) {
          call.heldSize = frame.readableBytes();
          frame.release();
          break;
        }
        held.poll();
        dropHeld(call);
        running.remove(call.id);
        write(frame);
        flow.answered();
      }
      if (!closed && !held.isEmpty() && !drainHook && ctx.channel().isWritable()) {
        drainHook = true;
        ctx.write(Unpooled.EMPTY_BUFFER)
            .addListener(
                written -> {
                  drainHook = false;
                  drainHeld();
                  flushIfNeeded();
                });
        needsFlush = true;
      }
    } finally {
      draining = false;
    }
  }

  // ---- replies ----

  /** Reply bytes handed over and not yet written out: queued here and in Netty's buffer. */
  private long bufferedReplyBytes() {
    return queuedReplyBytes.get() + nettyPendingBytes();
  }

  private long nettyPendingBytes() {
    ChannelOutboundBuffer buffer = ctx.channel().unsafe().outboundBuffer();
    return buffer == null ? 0 : buffer.totalPendingWriteBytes();
  }

  /** Replies at once, on the event loop, to a call that did not run. */
  void replyNow(int id, Object value, Throwable error) {
    write(replies.encode(ctx.alloc(), id, value, error));
    if (!reading) {
      flushIfNeeded();
    }
  }

  /** Serves a call the flow let through; true if it now runs. */
  private boolean serve(Message.Call call) {
    return incoming.serve(this, call);
  }

  void startRunning(InboundCall call) {
    running.put(call.id, call);
  }

  void stopRunning(InboundCall call) {
    running.remove(call.id);
  }

  // ---- incoming messages (event loop) ----

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    reading = true;
    if (closed || !(msg instanceof Message)) {
      ReferenceCountUtil.release(msg);
      return;
    }
    Message message = (Message) msg;
    if (message instanceof Message.Call) {
      flow.arrived((Message.Call) message);
    } else if (message instanceof Message.Result) {
      sent.result((Message.Result) message);
    } else if (message instanceof Message.Error) {
      sent.error((Message.Error) message);
    } else {
      InboundCall call = running.remove(message.id());
      if (call != null && held.remove(call)) {
        dropHeld(call); // its held result is dropped
        flow.answered();
      } else if (call != null) {
        call.cancel(); // its result, if any, is dropped
      } else {
        flow.cancelWaiting(message.id());
      }
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    reading = false;
    flushIfNeeded();
    ctx.fireChannelReadComplete();
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (ctx.channel().isWritable()) {
      drainHeld();
    }
    flow.update();
    flushIfNeeded();
    ctx.fireChannelWritabilityChanged();
  }

  /** Starts serving incoming calls, those that waited first (event loop). */
  void startServing() {
    flow.startServing();
    flushIfNeeded();
  }

  /** {@link #startServing} from any thread. */
  void startServingLater() {
    ctx.executor().execute(this::startServing);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (failure == null) {
      String text = cause.getMessage() != null ? cause.getMessage() : cause.toString();
      if (cause instanceof RpcException) {
        failure = (RpcException) cause; // already says what happened (keep-alive, bad frame)
      } else if (cause instanceof io.netty.handler.codec.DecoderException) {
        failure = new ProtocolException(text + " from " + peer(), cause);
      } else {
        failure = new DisconnectedException("connection to " + peer() + " failed: " + text, cause);
      }
      if (cause instanceof java.io.IOException || cause instanceof DisconnectedException) {
        log.debug("closing connection to {}: {}", peer(), failure.getMessage());
      } else {
        log.warn("closing connection to {}: {}", peer(), failure.getMessage());
      }
    }
    ctx.close();
  }

  private RpcException reason() {
    return failure != null
        ? failure
        : new DisconnectedException(Texts.connectionClosed(peer()));
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    closed = true;
    flow.close(); // the caller is gone: nobody to answer
    RpcException reason = reason();
    // The owner (client connector or server) logs the loss with what happens next.
    sent.failAll(reason);
    for (InboundCall call : held) {
      dropHeld(call);
    }
    held.clear();
    for (InboundCall call : running.removeAll()) {
      call.cancel();
    }
    outbox.drain();
    core.linkLost(this, reason);
    ctx.fireChannelInactive();
  }

  /** Closes the connection. */
  void close() {
    ctx.close();
  }

}
