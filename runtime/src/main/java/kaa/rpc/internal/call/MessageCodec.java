package kaa.rpc.internal.call;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import kaa.rpc.ProtocolException;
import kaa.rpc.internal.codec.Messages;

/**
 * Turns the frames of an authenticated connection into {@link kaa.rpc.internal.codec.Message}s
 * for the call handler after it, and answers keep-alive pings. A malformed frame is reported as a
 * {@link ProtocolException} naming the peer (the call handler closes the connection). Outgoing
 * frames are encoded by the threads that make them (callers, call executors), so the event loop
 * only writes them; this handler is inbound only.
 */
final class MessageCodec extends ChannelInboundHandlerAdapter {
  private final Messages messages;
  private final String peer;
  private boolean broken;

  MessageCodec(Messages messages, String peer) {
    this.messages = messages;
    this.peer = peer;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf frame = (ByteBuf) msg;
    Object message;
    try {
      if (broken) {
        return; // closing: the rest of the batch is dropped
      }
      if (frame.isReadable()) {
        byte kind = Messages.kind(frame);
        if (kind == KeepAlive.PING && frame.readableBytes() == 5) {
          ctx.writeAndFlush(
              KeepAlive.frame(ctx.alloc(), KeepAlive.PONG, frame.getInt(frame.readerIndex() + 1)),
              ctx.voidPromise());
          return;
        }
        if (kind == KeepAlive.PONG && frame.readableBytes() == 5) {
          return; // its arrival is all that counts (KeepAlive saw it)
        }
      }
      message = messages.read(frame);
    } catch (ProtocolException e) {
      broken = true;
      ctx.fireExceptionCaught(new ProtocolException(e.getMessage() + " from " + peer, e));
      return;
    } finally {
      frame.release();
    }
    ctx.fireChannelRead(message);
  }
}
