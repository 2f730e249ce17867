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
    return error == null
        ? encodeResult(alloc, id, value, alloc, Messages::copy)
        : encodeError(alloc, id, error);
  }

  /**
   * The reply to call {@code id} with {@code value}, its frame handed to {@code sink} (which
   * copies it into {@code target} and returns null, or returns it as a buffer); null if the sink
   * took it. A sink must not take a frame larger than {@link #peerMaxFrame} (length prefix
   * excluded): that one becomes an error, as does a value that cannot be encoded.
   */
  <T> ByteBuf encodeResult(
      ByteBufAllocator alloc, int id, Object value, T target, Messages.FrameSink<T> sink) {
    Throwable error;
    try {
      ByteBuf frame = messages.result(id, value, target, sink);
      if (frame == null) {
        return null; // taken
      }
      int size = frame.readableBytes() - 4;
      if (size <= peerMaxFrame) {
        return frame;
      }
      frame.release();
      error = new ProtocolException(Texts.resultFrameTooLarge(size, peerMaxFrame, caller));
    } catch (SerializationException e) {
      error = e;
    }
    return encodeError(alloc, id, error);
  }

  private ByteBuf encodeError(ByteBufAllocator alloc, int id, Throwable error) {
    ByteBuf frame = messages.error(alloc, id, RemoteError.of(error));
    if (frame.readableBytes() - 4 <= peerMaxFrame) {
      return frame;
    }
    // Too large for the caller (a huge message or stack): send the essentials only.
    frame.release();
    return messages.error(alloc, id, RemoteError.of(error).shrunk(peerMaxFrame / 8));
  }
}
