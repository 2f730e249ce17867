package kaa.rpc.internal.call;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import kaa.rpc.DisconnectedException;
import kaa.rpc.RpcException;
import kaa.rpc.internal.codec.Message;
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
    void write(ByteBuf frame);
  }

  private final CallTable<PendingCall> pending = new CallTable<>();
  private final ChannelHandlerContext ctx;
  private final Writer writer;
  private final String peer;

  SentCalls(ChannelHandlerContext ctx, Writer writer, String peer) {
    this.ctx = ctx;
    this.writer = writer;
    this.peer = peer;
  }

  /**
   * A call handed over: send it if new, or forget it and send CANCEL if the caller gave up.
   * {@code lost} is why the connection ended, or null while it is open.
   */
  void handle(PendingCall call, RpcException lost) {
    switch (call.state) {
      case PendingCall.NEW:
        ByteBuf frame = call.frame;
        call.frame = null;
        if (lost != null) {
          frame.release();
          call.state = PendingCall.FINISHED;
          call.cancelTimeout();
          call.fail(
              new DisconnectedException(
                  Texts.forCall(Texts.lostBeforeSent(lost.getMessage()), call.describe(), peer),
                  lost));
        } else if (call.isDone()) {
          frame.release(); // given up before it was sent
          call.state = PendingCall.FINISHED;
          call.cancelTimeout();
        } else {
          pending.put(call.id, call);
          call.state = PendingCall.SENT;
          call.armTimeout(ctx.executor());
          if (log.isTraceEnabled()) {
            log.trace("call {} #{} sent to {}", call.describe(), call.id, peer);
          }
          writer.write(frame);
        }
        break;
      case PendingCall.SENT:
        call.state = PendingCall.FINISHED;
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
  void result(Message.Result result) {
    PendingCall call = finished(result.id());
    if (call != null) {
      if (result.failure() != null) {
        call.fail(result.failure());
      } else {
        call.succeed(result.value());
      }
    }
  }

  /** An error arrived. */
  void error(Message.Error error) {
    PendingCall call = finished(error.id());
    if (call != null) {
      call.failRemote(error.error());
    }
  }

  private PendingCall finished(int id) {
    PendingCall call = pending.remove(id);
    if (call != null) {
      call.state = PendingCall.FINISHED;
      call.cancelTimeout();
      if (log.isTraceEnabled()) {
        log.trace("call {} #{} answered by {}", call.describe(), id, peer);
      }
    }
    return call; // null: the caller already gave up (timeout, cancel)
  }

  /** The connection ended: every call out fails; it may or may not have run. */
  void failAll(RpcException reason) {
    for (PendingCall call : pending.removeAll()) {
      call.state = PendingCall.FINISHED;
      call.cancelTimeout();
      call.fail(
          new DisconnectedException(
              Texts.forCall(Texts.lostInFlight(reason.getMessage()), call.describe(), peer),
              reason));
    }
  }
}
