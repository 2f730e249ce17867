package kaa.rpc.internal.call;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.function.LongSupplier;
import kaa.rpc.ProtocolException;
import kaa.rpc.RpcException;
import kaa.rpc.SerializationException;
import kaa.rpc.internal.codec.Messages;
import kaa.rpc.internal.codec.RemoteError;

/**
 * Encodes the replies of one connection, on the thread that produced them: the result, or an
 * error in its place when the result cannot be encoded, is larger than the caller accepts, or
 * cannot be buffered because the caller does not read.
 */
final class Replies {
  private final Messages messages;
  private final int peerMaxFrame;
  private final String caller;
  private final long maxBuffered;

  Replies(Messages messages, int peerMaxFrame, String caller, long maxBuffered) {
    this.messages = messages;
    this.peerMaxFrame = peerMaxFrame;
    this.caller = caller;
    this.maxBuffered = maxBuffered;
  }

  int peerMaxFrame() {
    return peerMaxFrame;
  }

  /**
   * The reply to call {@code id}. {@code buffered} tells how many reply bytes wait to be written
   * now: a result is sent if nothing waits or it fits in the budget with what waits.
   */
  ByteBuf encode(
      ByteBufAllocator alloc, int id, Object value, Throwable error, LongSupplier buffered) {
    if (error == null) {
      try {
        ByteBuf frame = messages.result(alloc, id, value);
        int size = frame.readableBytes() - 4;
        if (size > peerMaxFrame) {
          frame.release();
          error = new ProtocolException(Texts.resultFrameTooLarge(size, peerMaxFrame, caller));
        } else {
          long waiting = buffered.getAsLong();
          if (waiting == 0 || waiting + size <= maxBuffered) {
            return frame;
          }
          frame.release();
          error = new RpcException(Texts.resultNotBuffered(size, waiting, caller));
        }
      } catch (SerializationException e) {
        error = e;
      }
    }
    ByteBuf frame = messages.error(alloc, id, RemoteError.of(error));
    if (frame.readableBytes() - 4 <= peerMaxFrame) {
      return frame;
    }
    // Too large for the caller (a huge message or stack): send the essentials only.
    frame.release();
    return messages.error(alloc, id, RemoteError.of(error).shrunk(peerMaxFrame / 8));
  }
}
