package kaa.rpc.internal.call;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import kaa.rpc.DisconnectedException;
import kaa.rpc.ProtocolException;
import kaa.rpc.RpcException;
import kaa.rpc.SerializationException;
import kaa.rpc.internal.codec.MessageReader;
import kaa.rpc.internal.codec.RemoteError;
import kaa.rpc.internal.transport.FrameBatch;
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
 * <p>Replies are bounded by its {@link ReplyBuffer}, which holds results that do not fit.
 */
final class Connection extends ChannelInboundHandlerAdapter implements Outbox.Sink {
  private static final Logger log = LoggerFactory.getLogger(Connection.class);
  private final ChannelCore core;
  private final IncomingCalls incoming;
  private final Replies replies;
  private final CallTable<InboundCall> running = new CallTable<>();
  private final int inboundLimit;
  private final long replyLimit;
  private final boolean serverSide;
  private ChannelHandlerContext ctx;
  private InboundFlow flow;
  private Outbox outbox;
  private SentCalls sent;
  private ReplyBuffer buffer;
  private FrameBatch frames;
  private final Link link = new Link();
  private final Reads reads = new Reads();
  private final Runnable flusher = this::flushIfNeeded;
  private boolean reading;
  private volatile boolean closed;
  private RpcException failure;

  Connection(
      ChannelCore core,
      IncomingCalls incoming,
      Replies replies,
      int inboundLimit,
      long replyLimit,
      boolean serverSide) {
    this.core = core;
    this.incoming = incoming;
    this.replies = replies;
    this.inboundLimit = inboundLimit;
    this.replyLimit = replyLimit;
    this.serverSide = serverSide;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    this.frames = new FrameBatch(ctx);
    this.outbox = new Outbox(ctx.executor(), this);
    this.sent = new SentCalls(ctx, link, core.peer(), core.defaultTimeoutNanos());
    this.flow =
        new InboundFlow(ctx.channel(), inboundLimit, serverSide, this::serve);
    this.buffer = new ReplyBuffer(ctx, replies, link, replyLimit);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    frames.discard(); // nothing removes it before the channel closes; if something did
  }

  String peer() {
    return core.peer();
  }

  /** The event loop this connection runs on. */
  io.netty.channel.EventLoop loop() {
    return ctx.channel().eventLoop();
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
   * to the event loop.
   */
  void finish(InboundCall call, Object value, Throwable error) {
    if (error == null && !call.isCancelled() && ctx.executor().inEventLoop()) {
      if (!closed && buffer.writeOrPrepare(call, value)) { // written: no buffer of its own
        if (running.get(call.id) == call) { // a peer that reused the id has another call there
          running.remove(call.id);
        }
        flow.answered();
      } else {
        process(call);
      }
      flushSoon();
      return;
    }
    if (!call.isCancelled()) { // else dropped: no reply
      buffer.prepare(call, value, error);
    }
    enqueue(call);
  }

  void enqueue(Object op) {
    if (ctx.executor().inEventLoop()) {
      process(op);
      flushSoon();
    } else {
      outbox.add(op);
    }
  }

  /**
   * After a write on the event loop: flushes now, or leaves it to the end of the read or of the
   * leader's turn.
   */
  private void flushSoon() {
    if (!reading && !kaa.rpc.internal.lead.Leads.deferFlush(ctx.channel().eventLoop(), flusher)) {
      flushIfNeeded();
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
      call.held = null;
    }
    log.debug("connection to {}: I/O threads stopped; dropped {}", peer(), op);
  }

  @Override
  public void flush() {
    flushIfNeeded();
  }

  void flushIfNeeded() {
    frames.flushIfNeeded();
  }

  private void write(ByteBuf frame) {
    frames.write(frame);
  }

  @Override
  public void process(Object op) {
    if (op instanceof PendingCall) {
      sent.handle((PendingCall) op, closed ? reason() : null);
      return;
    }
    InboundCall call = (InboundCall) op;
    if (call.isHeld()) {
      buffer.arrived(call);
      return;
    }
    running.remove(call.id);
    ByteBuf reply = call.reply;
    call.reply = null;
    if (reply != null) {
      buffer.dequeued(reply);
      if (closed || call.isCancelled()) {
        reply.release();
      } else {
        write(reply);
      }
    }
    flow.answered();
  }

  /** What the sent calls and the reply buffer see of this connection (event loop). */
  private final class Link implements ReplyBuffer.Link, SentCalls.Writer {
    @Override
    public int gatheredBytes() {
      return frames.gatheredBytes();
    }

    @Override
    public boolean isClosed() {
      return closed;
    }

    @Override
    public void write(ByteBuf frame) {
      Connection.this.write(frame);
    }

    @Override
    public void write(byte[] bytes, int length) {
      frames.write(bytes, length);
    }

    @Override
    public ChannelFuture writeMarker() {
      return frames.writeMarker();
    }

    @Override
    public void flush() {
      flushIfNeeded();
    }

    @Override
    public void flushIfNeeded() {
      Connection.this.flushIfNeeded();
    }

    @Override
    public void stopRunning(InboundCall call) {
      running.remove(call.id);
    }

    @Override
    public void answered() {
      flow.answered();
    }
  }

  // ---- replies ----

  /** Replies at once, on the event loop, to a call that did not run. */
  void replyNow(int id, Object value, Throwable error) {
    write(replies.encode(ctx.alloc(), id, value, error));
    if (!reading) {
      flushIfNeeded();
    }
  }

  /** Serves a call the flow let through; true if it now runs. */
  private boolean serve(
      int id, String name, Object[] values, String[] names, SerializationException failure) {
    return incoming.serve(this, id, name, values, names, failure);
  }

  void startRunning(InboundCall call) {
    running.put(call.id, call);
  }

  void stopRunning(InboundCall call) {
    running.remove(call.id);
  }

  // ---- incoming messages (event loop) ----

  /** The channel exposed methods are given as their caller. */
  kaa.rpc.Channel caller() {
    return incoming.identity();
  }

  /** What the codec hands each message it reads to (event loop). */
  MessageReader reader() {
    return reads;
  }

  /** The messages the codec reads, each handled as it is read (event loop). */
  private final class Reads implements MessageReader {
    @Override
    public void call(
        int id, String name, Object[] values, String[] names, SerializationException failure) {
      reading = true;
      if (!closed) {
        flow.arrived(id, name, values, names, failure);
      }
    }

    @Override
    public void result(int id, Object value, SerializationException failure) {
      reading = true;
      if (!closed) {
        sent.result(id, value, failure);
      }
    }

    @Override
    public void error(int id, RemoteError error) {
      reading = true;
      if (!closed) {
        sent.error(id, error);
      }
    }

    @Override
    public void cancel(int id) {
      reading = true;
      if (closed) {
        return;
      }
      InboundCall call = running.remove(id);
      if (call != null && buffer.cancel(call)) {
        flow.answered(); // its held result is dropped
      } else if (call != null) {
        call.cancel(); // its result, if any, is dropped
      } else {
        flow.cancelWaiting(id);
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
      buffer.drain();
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
      failure = ConnectionFailures.of(cause, peer());
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
    buffer.close();
    frames.discard();
    for (InboundCall call : running.removeAll()) {
      call.cancel();
    }
    outbox.drain(); // writes after the discard go to Netty, which fails them
    core.linkLost(this, reason);
    ctx.fireChannelInactive();
  }

  /** Closes the connection. */
  void close() {
    ctx.close();
  }

}
