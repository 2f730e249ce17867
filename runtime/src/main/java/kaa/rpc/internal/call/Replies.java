package kaa.rpc.internal.call;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import kaa.rpc.ProtocolException;
import kaa.rpc.SerializationException;
import kaa.rpc.internal.codec.Messages;
import kaa.rpc.internal.codec.RemoteError;

/**
 * Encodes the replies of one connection: the result, or an error in its place when the result
 * cannot be encoded or is larger than the caller accepts. (Whether a reply fits in the reply
 * buffer now is the {@link Connection}'s decision.)
 */
final class Replies {
  private final Messages messages;
  private final int peerMaxFrame;
  private final String caller;

  Replies(Messages messages, int peerMaxFrame, String caller) {
    this.messages = messages;
    this.peerMaxFrame = peerMaxFrame;
    this.caller = caller;
  }

  int peerMaxFrame() {
    return peerMaxFrame;
  }

  /** The reply to call {@code id}: {@code value}, or {@code error} if it is not null. */
  ByteBuf encode(ByteBufAllocator alloc, int id, Object value, Throwable error) {
    if (error == null) {
      try {
        ByteBuf frame = messages.result(alloc, id, value);
        int size = frame.readableBytes() - 4;
        if (size > peerMaxFrame) {
          frame.release();
          error = new ProtocolException(Texts.resultFrameTooLarge(size, peerMaxFrame, caller));
        } else {
          return frame;
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
