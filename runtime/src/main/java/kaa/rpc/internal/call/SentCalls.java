package kaa.rpc.internal.call;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import kaa.rpc.DisconnectedException;
import kaa.rpc.RpcException;
import kaa.rpc.SerializationException;
import kaa.rpc.internal.codec.RemoteError;
import kaa.rpc.internal.codec.Messages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls this end sent on one connection and waits for (event loop only): writes them,
 * starts their deadlines, matches results and errors to them, tells the peer about the ones given
 * up, and fails the rest when the connection ends.
 */
final class SentCalls {
  private static final Logger log = LoggerFactory.getLogger(SentCalls.class);

  /** Where frames go. */
  interface Writer {
    /** Writes {@code frame}; it reaches the socket at the next {@link #flush}. */
    void write(ByteBuf frame);

    /** Sends what was written (the frames may wait in the connection, not only in Netty). */
    void flush();
  }

  private final CallTable<PendingCall> pending = new CallTable<>();
  private final ChannelHandlerContext ctx;
  private final Writer writer;
  private final String peer;
  private final long defaultTimeoutNanos;
  private final long tickNanos;
  private final Runnable sweep = this::sweep;
  private ScheduledFuture<?> sweeping;

  /**
   * Calls sent through {@code ctx}; those with the channel's timeout {@code defaultTimeoutNanos}
   * are timed out by one sweep (every timeout/20, 5 ms to 1 s) that runs only while calls are out,
   * so such a call costs no timer of its own; a call with another timeout has its own timer.
   */
  SentCalls(ChannelHandlerContext ctx, Writer writer, String peer, long defaultTimeoutNanos) {
    this.ctx = ctx;
    this.writer = writer;
    this.peer = peer;
    this.defaultTimeoutNanos = defaultTimeoutNanos;
    this.tickNanos =
        Math.max(
            TimeUnit.MILLISECONDS.toNanos(5),
            Math.min(TimeUnit.SECONDS.toNanos(1), defaultTimeoutNanos / 20));
  }

  /**
   * A call handed over: send it if new, or forget it and send CANCEL if the caller gave up.
   * {@code lost} is why the connection ended, or null while it is open.
   */
  void handle(PendingCall call, RpcException lost) {
    switch (call.state()) {
      case PendingCall.NEW:
        ByteBuf frame = call.frame;
        call.frame = null;
        if (lost != null) {
          frame.release();
          call.state(PendingCall.FINISHED);
          call.cancelTimeout();
          call.fail(
              new DisconnectedException(
                  Texts.forCall(Texts.lostBeforeSent(lost.getMessage()), call.describe(), peer),
                  lost));
        } else if (call.isDone()) {
          frame.release(); // given up before it was sent
          call.state(PendingCall.FINISHED);
          call.cancelTimeout();
        } else {
          pending.put(call.id, call);
          call.state(PendingCall.SENT);
          if (call.ownTimer()) {
            call.armTimeout(ctx.executor());
          } else if (sweeping == null) {
            sweeping = ctx.executor().schedule(sweep, tickNanos, TimeUnit.NANOSECONDS);
          }
          if (log.isTraceEnabled()) {
            log.trace("call {} #{} sent to {}", call.describe(), call.id, peer);
          }
          writer.write(frame);
        }
        break;
      case PendingCall.SENT:
        call.state(PendingCall.FINISHED);
        call.cancelTimeout();
        if (pending.remove(call.id) != null && lost == null) {
          writer.write(Messages.cancel(ctx.alloc(), call.id));
        }
        break;
      default:
        break;
    }
  }

  /** A result arrived. */
  void result(int id, Object value, SerializationException failure) {
    PendingCall call = finished(id);
    if (call != null) {
      if (failure != null) {
        call.fail(failure);
      } else {
        call.succeed(value);
      }
    }
  }

  /** An error arrived. */
  void error(int id, RemoteError error) {
    PendingCall call = finished(id);
    if (call != null) {
      call.failRemote(error);
    }
  }

  private PendingCall finished(int id) {
    PendingCall call = pending.remove(id);
    if (call != null) {
      call.state(PendingCall.FINISHED);
      call.cancelTimeout();
      if (log.isTraceEnabled()) {
        log.trace("call {} #{} answered by {}", call.describe(), id, peer);
      }
    }
    return call; // null: the caller already gave up (timeout, cancel)
  }

  /** Times out the calls whose deadline passed; runs again while calls are out. */
  private void sweep() {
    sweeping = null;
    long now = System.nanoTime();
    List<PendingCall> expired = new ArrayList<>(0);
    pending.forEach(
        call -> {
          if (call.deadline - now <= 0) {
            expired.add(call);
          }
        });
    if (!expired.isEmpty()) {
      for (PendingCall call : expired) {
        pending.remove(call.id);
        call.state(PendingCall.FINISHED);
        call.cancelTimeout();
        call.fail(call.calls.timeoutFor(call));
        writer.write(Messages.cancel(ctx.alloc(), call.id));
      }
      writer.flush();
    }
    if (!pending.isEmpty()) {
      sweeping = ctx.executor().schedule(sweep, tickNanos, TimeUnit.NANOSECONDS);
    }
  }

  /** The connection ended: every call out fails; it may or may not have run. */
  void failAll(RpcException reason) {
    if (sweeping != null) {
      sweeping.cancel(false);
      sweeping = null;
    }
    for (PendingCall call : pending.removeAll()) {
      call.state(PendingCall.FINISHED);
      call.cancelTimeout();
      call.fail(
          new DisconnectedException(
              Texts.forCall(Texts.lostInFlight(reason.getMessage()), call.describe(), peer),
              reason));
    }
  }
}
