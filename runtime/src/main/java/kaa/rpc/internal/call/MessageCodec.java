package kaa.rpc.internal.call;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import kaa.rpc.ProtocolException;
import kaa.rpc.internal.codec.MessageReader;
import kaa.rpc.internal.codec.Messages;
import kaa.rpc.internal.transport.FrameDecoder;

/**
 * Decodes the frames of an authenticated connection and hands each message to its {@link
 * MessageReader} (the connection's call handler) as it is read, and answers keep-alive pings. A malformed frame is reported as a
 * {@link ProtocolException} naming the peer (the call handler closes the connection), and the
 * frames after it are dropped. Outgoing frames are encoded by the threads that make them (callers,
 * call executors), so the event loop only writes them; this handler is inbound only.
 *
 * <p>Frames reach it two ways: those the handshake held come as buffers; after that it is the
 * {@link FrameDecoder.FrameReader} of the connection's frame decoder, which has it decode each
 * frame where it lies in the decoder's buffer ({@link #read}). Either way a message goes straight
 * to the reader, so none is made an object to travel the pipeline.
 */
final class MessageCodec extends ChannelInboundHandlerAdapter implements FrameDecoder.FrameReader {
  private final Messages messages;
  private final String peer;
  private final MessageReader target;
  private boolean broken;

  MessageCodec(Messages messages, String peer, MessageReader target) {
    this.messages = messages;
    this.peer = peer;
    this.target = target;
  }

  /** A ping to answer, read by {@link #read}. */
  private static final class Ping {
    final int token;

    Ping(int token) {
      this.token = token;
    }
  }

  /**
   * Nothing to pass on: a message (its reader has it), a pong (its arrival is all that counts,
   * and KeepAlive saw it), or a frame after a malformed one (the connection is closing). Passed
   * on all the same, so the frame decoder knows a read was fired and does not ask for another
   * while reading is paused.
   */
  private static final Object NOTHING = new Object();

  /** A frame that did not decode, read by {@link #read}. */
  private static final class Malformed {
    final ProtocolException error;

    Malformed(ProtocolException error) {
      this.error = error;
    }
  }

  @Override
  public Object read(ByteBuf in, int index, int length) {
    if (broken) {
      return NOTHING; // closing: the rest of the batch is dropped
    }
    if (length == 5) {
      byte kind = in.getByte(index);
      if (kind == KeepAlive.PING) {
        return new Ping(in.getInt(index + 1));
      }
      if (kind == KeepAlive.PONG) {
        return NOTHING;
      }
    }
    try {
      messages.read(in, index, length, target);
      return NOTHING;
    } catch (ProtocolException e) {
      return new Malformed(e);
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    Object read;
    if (msg instanceof ByteBuf) { // held by the handshake
      ByteBuf frame = (ByteBuf) msg;
      try {
        read = read(frame, frame.readerIndex(), frame.readableBytes());
      } finally {
        frame.release();
      }
    } else {
      read = msg;
    }
    if (read instanceof Ping) {
      ctx.writeAndFlush(
          KeepAlive.frame(ctx.alloc(), KeepAlive.PONG, ((Ping) read).token), ctx.voidPromise());
    } else if (read instanceof Malformed) {
      broken = true;
      ProtocolException e = ((Malformed) read).error;
      ctx.fireExceptionCaught(new ProtocolException(e.getMessage() + " from " + peer, e));
    }
  }
}
