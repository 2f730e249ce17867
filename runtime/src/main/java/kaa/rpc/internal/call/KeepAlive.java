package kaa.rpc.internal.call;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import kaa.rpc.DisconnectedException;

/**
 * Keep-alive of one authenticated connection. It sits before the frame decoder, so it sees every
 * byte that arrives, whole frames or not. When nothing arrived for the interval it sends a PING;
 * if still nothing arrived when the timeout after it has passed, it reports the connection dead
 * ({@link DisconnectedException} through {@code exceptionCaught}), and the call handler closes
 * it. The peer's {@link MessageCodec} answers a PING with a PONG. While calls flow the idle timer
 * never fires: a read costs one clock read per batch (Netty's {@link IdleStateHandler}).
 */
final class KeepAlive extends IdleStateHandler {
  /** The message kind of a ping: the payload is the kind and 4 opaque bytes, echoed by PONG. */
  static final byte PING = 0x15;
  /** The message kind of the answer to a ping. */
  static final byte PONG = 0x16;

  private final long intervalMillis;
  private final long timeoutMillis;
  private final String peer;
  private ScheduledFuture<?> deadline;
  private boolean heard;
  private int sent;

  KeepAlive(long intervalMillis, long timeoutMillis, String peer) {
    super(intervalMillis, 0, 0, TimeUnit.MILLISECONDS);
    this.intervalMillis = intervalMillis;
    this.timeoutMillis = timeoutMillis;
    this.peer = peer;
  }

  /** A PING or PONG frame, length prefix included. */
  static ByteBuf frame(ByteBufAllocator alloc, byte kind, int token) {
    ByteBuf buf = alloc.ioBuffer(9);
    buf.writeInt(5).writeByte(kind).writeInt(token);
    return buf;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    heard = true;
    super.channelRead(ctx, msg);
  }

  @Override
  protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent evt) {
    if (deadline != null) {
      return; // a ping is out already
    }
    heard = false;
    ctx.writeAndFlush(frame(ctx.alloc(), PING, ++sent), ctx.voidPromise());
    deadline = ctx.executor().schedule(() -> check(ctx), timeoutMillis, TimeUnit.MILLISECONDS);
  }

  private void check(ChannelHandlerContext ctx) {
    deadline = null;
    if (!heard && ctx.channel().isActive()) {
      ctx.fireExceptionCaught(
          new DisconnectedException(
              Texts.noAnswer(peer, intervalMillis + timeoutMillis)));
    }
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) throws Exception {
    cancelDeadline();
    super.handlerRemoved(ctx);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    cancelDeadline();
    super.channelInactive(ctx);
  }

  private void cancelDeadline() {
    if (deadline != null) {
      deadline.cancel(false);
      deadline = null;
    }
  }
}
