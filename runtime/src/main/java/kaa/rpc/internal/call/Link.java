package kaa.rpc.internal.call;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import kaa.rpc.DisconnectedException;
import kaa.rpc.ProtocolException;
import kaa.rpc.RpcException;
import kaa.rpc.SerializationException;
import kaa.rpc.internal.codec.Message;
import kaa.rpc.internal.codec.Messages;
import kaa.rpc.internal.codec.RemoteError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One authenticated connection: the last handler of the pipeline. It matches results to pending
 * calls, hands incoming calls to its {@link ChannelCore}, and writes outgoing frames.
 *
 * <p>Threads: the maps of pending and running calls are touched only on the event loop. Other
 * threads hand frames over through a queue that one task drains, writing every frame it finds
 * and flushing once, so a burst of calls costs one wake-up and one system call. Frames written on
 * the event loop while it reads are flushed once when the read ends.
 */
final class Link extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(Link.class);

  final ChannelCore core;
  private final Messages messages;
  private final int peerMaxFrame;
  private final boolean serverSide;
  private final CallTable<PendingCall> pending = new CallTable<>();
  private final CallTable<InboundCall> running = new CallTable<>();
  /** Calls that wait: until this end serves calls, or while their results cannot be written. */
  private final java.util.ArrayDeque<Message.Call> deferred = new java.util.ArrayDeque<>();
  private boolean serving;
  private final Queue<Object> outbound = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean drainScheduled = new AtomicBoolean();
  private final Runnable drain = this::drain;
  private ChannelHandlerContext ctx;
  private io.netty.util.concurrent.ScheduledFuture<?> sweeper;
  private boolean reading;
  private boolean needsFlush;
  private volatile boolean closed;
  private RpcException failure;

  Link(ChannelCore core, Messages messages, int peerMaxFrame, boolean serverSide) {
    this.core = core;
    this.messages = messages;
    this.peerMaxFrame = peerMaxFrame;
    this.serverSide = serverSide;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    // One timer per connection instead of one per call: every call on a channel has the same
    // timeout, so a periodic sweep finds the expired ones, at most one tick late.
    long timeout = core.endpoint.options.callTimeout().toNanos();
    long tick = Math.max(TimeUnit.MILLISECONDS.toNanos(5), Math.min(TimeUnit.SECONDS.toNanos(1), timeout / 20));
    sweeper = ctx.executor().scheduleAtFixedRate(this::sweep, tick, tick, TimeUnit.NANOSECONDS);
  }

  /** Times out the calls whose deadline passed (event loop). */
  private void sweep() {
    long now = System.nanoTime();
    List<PendingCall> expired = null;
    for (PendingCall call : pending.values()) {
      if (call.deadline - now <= 0) {
        if (expired == null) {
          expired = new ArrayList<>();
        }
        expired.add(call);
      }
    }
    if (expired == null) {
      return;
    }
    for (PendingCall call : expired) {
      pending.remove(call.id);
      call.state = PendingCall.FINISHED;
      call.cancelTimeout();
      call.fail(core.timeoutFor(call));
      if (!closed) {
        ctx.write(Messages.cancel(ctx.alloc(), call.id), ctx.voidPromise());
        needsFlush = true;
      }
    }
    flushIfNeeded();
  }

  // ---- outgoing calls (any thread) ----

  /** Sends {@code call}, whose frame is encoded; fails it if the frame is too large for the peer. */
  void offer(PendingCall call) {
    int size = call.frame.readableBytes() - 4;
    if (size > peerMaxFrame) {
      call.frame.release();
      call.frame = null;
      call.cancelTimeout(); // a call with its own deadline has a timer already
      call.fail(
          new ProtocolException(
              "call "
                  + call.describe()
                  + ": frame of "
                  + size
                  + " bytes exceeds the limit of "
                  + peerMaxFrame
                  + " bytes of "
                  + core.peer()
                  + "; nothing was sent"));
      return;
    }
    call.link = this;
    enqueue(call);
  }

  /** Hands a reply, or a dropped call, to the event loop. */
  void reply(InboundCall call) {
    enqueue(call);
  }

  /** The call was cancelled; forget it. */
  void dropped(InboundCall call) {
    enqueue(call);
  }

  void enqueue(Object op) {
    if (ctx.executor().inEventLoop()) {
      process(op);
      if (!reading) {
        flushIfNeeded();
      }
      return;
    }
    outbound.add(op);
    if (!drainScheduled.get() && drainScheduled.compareAndSet(false, true)) {
      ctx.executor().execute(drain);
    }
  }

  private void drain() {
    drainScheduled.set(false);
    Object op;
    while ((op = outbound.poll()) != null) {
      process(op);
    }
    flushIfNeeded();
  }

  private void flushIfNeeded() {
    if (needsFlush) {
      needsFlush = false;
      ctx.flush();
    }
  }

  private void process(Object op) {
    if (op instanceof PendingCall) {
      process((PendingCall) op);
    } else {
      InboundCall call = (InboundCall) op;
      running.remove(call.id);
      ByteBuf reply = call.reply;
      call.reply = null;
      if (reply != null) {
        if (closed || call.isCancelled()) {
          reply.release();
        } else {
          ctx.write(reply, ctx.voidPromise());
          needsFlush = true;
        }
      }
    }
  }

  private void process(PendingCall call) {
    switch (call.state) {
      case PendingCall.NEW:
        ByteBuf frame = call.frame;
        call.frame = null;
        if (closed) {
          frame.release();
          call.state = PendingCall.FINISHED;
          call.cancelTimeout();
          call.fail(
              new DisconnectedException(
                  "call " + call.describe() + " not sent: connection to " + core.peer() + " lost",
                  failure));
        } else if (call.isDone()) {
          frame.release(); // given up before it was sent
          call.state = PendingCall.FINISHED;
          call.release();
          call.cancelTimeout();
        } else {
          pending.put(call.id, call);
          call.state = PendingCall.SENT;
          if (!call.ownTimer) {
            call.cancelTimeout(); // a call queued before connecting had a timer; the sweep takes over
          }
          ctx.write(frame, ctx.voidPromise());
          needsFlush = true;
        }
        break;
      case PendingCall.SENT:
        // The caller gave up (cancel or timeout): forget it and tell the peer.
        call.state = PendingCall.FINISHED;
        call.cancelTimeout();
        if (pending.remove(call.id) != null && !closed) {
          ctx.write(Messages.cancel(ctx.alloc(), call.id), ctx.voidPromise());
          needsFlush = true;
        }
        break;
      default:
        break;
    }
  }

  // ---- replies (encoded on the thread that produced them) ----

  /** Encodes the reply to call {@code id}: the result, or the error in its place. */
  ByteBuf encodeReply(int id, Object value, Throwable error) {
    if (error == null) {
      try {
        ByteBuf frame = messages.result(ctx.alloc(), id, value);
        int size = frame.readableBytes() - 4;
        if (size <= peerMaxFrame) {
          return frame;
        }
        frame.release();
        error =
            new ProtocolException(
                "result frame of "
                    + size
                    + " bytes exceeds the limit of "
                    + peerMaxFrame
                    + " bytes of the caller "
                    + core.peer());
      } catch (SerializationException e) {
        error = e;
      }
    }
    ByteBuf frame = messages.error(ctx.alloc(), id, RemoteError.of(error));
    if (frame.readableBytes() - 4 <= peerMaxFrame) {
      return frame;
    }
    // Too large for the caller (a huge message or stack): send the essentials only.
    frame.release();
    return messages.error(ctx.alloc(), id, RemoteError.of(error).shrunk(peerMaxFrame / 8));
  }

  /** Replies at once, on the event loop. */
  void replyNow(int id, Object value, Throwable error) {
    ctx.write(encodeReply(id, value, error), ctx.voidPromise());
    needsFlush = true;
    if (!reading) {
      flushIfNeeded();
    }
  }

  void startRunning(InboundCall call) {
    running.put(call.id, call);
  }

  void stopRunning(InboundCall call) {
    running.remove(call.id);
  }

  // ---- incoming frames ----

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    reading = true;
    ByteBuf frame = (ByteBuf) msg;
    Message message;
    try {
      message = messages.read(frame);
    } catch (ProtocolException e) {
      failure = new ProtocolException(e.getMessage() + " from " + core.peer(), e);
      log.warn("closing connection to {}: {}", core.peer(), e.getMessage());
      ctx.close();
      return;
    } finally {
      frame.release();
    }
    if (message instanceof Message.Call) {
      if (serving && deferred.isEmpty() && ctx.channel().isWritable()) {
        core.serve(this, (Message.Call) message);
      } else {
        deferred.add((Message.Call) message); // results cannot be written now: wait
      }
    } else if (message instanceof Message.Result) {
      Message.Result result = (Message.Result) message;
      PendingCall call = finished(result.id());
      if (call != null) {
        if (result.failure() != null) {
          call.fail(result.failure());
        } else {
          call.succeed(result.value());
        }
      }
    } else if (message instanceof Message.Error) {
      Message.Error error = (Message.Error) message;
      PendingCall call = finished(error.id());
      if (call != null) {
        call.failRemote(error.error());
      }
    } else {
      InboundCall call = running.remove(message.id());
      if (call != null) {
        call.cancel(); // its result, if any, is dropped
      } else {
        deferred.removeIf(waiting -> waiting.id() == message.id());
      }
    }
  }

  private PendingCall finished(int id) {
    PendingCall call = pending.remove(id);
    if (call != null) {
      call.state = PendingCall.FINISHED;
      call.cancelTimeout();
    }
    return call; // null: the caller already gave up (timeout, cancel)
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    reading = false;
    flushIfNeeded();
    ctx.fireChannelReadComplete();
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    // While results cannot be written (the peer does not read them), calls that arrive wait
    // instead of running, and a server also stops reading, so a client that does not read cannot
    // make it buffer without bound. A client always reads, so the two ends never both stop.
    boolean writable = serveDeferred();
    if (serverSide) {
      ctx.channel().config().setAutoRead(writable);
    }
    ctx.fireChannelWritabilityChanged();
  }

  /** Serves the calls that waited, while results can be written; returns the writability. */
  private boolean serveDeferred() {
    boolean writable = ctx.channel().isWritable();
    while (serving && writable && !deferred.isEmpty()) {
      core.serve(this, deferred.poll());
      writable = ctx.channel().isWritable();
    }
    flushIfNeeded();
    return writable;
  }

  /** Starts serving incoming calls, those that waited first (event loop). */
  void startServing() {
    serving = true;
    serveDeferred();
  }

  /** {@link #startServing} from any thread. */
  void startServingLater() {
    ctx.executor().execute(this::startServing);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (failure == null) {
      String text = cause.getMessage() != null ? cause.getMessage() : cause.toString();
      failure =
          cause instanceof DecoderException
              ? new ProtocolException(text, cause)
              : new DisconnectedException("connection to " + core.peer() + " failed: " + text, cause);
      if (cause instanceof java.io.IOException) {
        log.debug("connection to {} failed: {}", core.peer(), text); // the peer went away
      } else {
        log.warn("closing connection to {}: {}", core.peer(), text);
      }
    }
    ctx.close();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    closed = true;
    deferred.clear(); // the caller is gone: nobody to answer
    sweeper.cancel(false);
    RpcException reason =
        failure != null
            ? failure
            : new DisconnectedException("connection to " + core.peer() + " closed");
    List<PendingCall> lost = pending.removeAll();
    for (PendingCall call : lost) {
      call.state = PendingCall.FINISHED;
      call.cancelTimeout();
      call.fail(disconnected(call, reason));
    }
    for (InboundCall call : running.removeAll()) {
      call.cancel();
    }
    drain();
    core.linkLost(this, reason);
    ctx.fireChannelInactive();
  }

  private DisconnectedException disconnected(PendingCall call, RpcException reason) {
    return new DisconnectedException(
        "call "
            + call.describe()
            + " failed: connection to "
            + core.peer()
            + " lost"
            + (reason == null ? "" : " (" + reason.getMessage() + ")")
            + "; it may or may not have run",
        reason);
  }

  /** Closes the connection. */
  void close() {
    ctx.close();
  }
}
