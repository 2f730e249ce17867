package kaa.rpc.internal.auth;

import io.netty.channel.ChannelHandlerContext;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;

/**
 * Holds, in order, the frames that arrive after the peer's proof until the call handler is in
 * place. Used on the event loop only.
 */
final class HeldFrames {
  private List<Object> frames;

  /** Starts holding every frame given to {@link #hold}. */
  void start() {
    frames = new ArrayList<>();
  }

  /** Holds {@code msg} and returns true if holding, else returns false. */
  boolean hold(Object msg) {
    if (frames == null) {
      return false;
    }
    frames.add(msg);
    return true;
  }

  /** Stops holding and passes the frames held to the handler after {@code ctx}. */
  void passOn(ChannelHandlerContext ctx) {
    List<Object> pending = frames;
    frames = null;
    for (Object msg : pending) {
      ctx.fireChannelRead(msg);
    }
    if (!pending.isEmpty()) {
      ctx.fireChannelReadComplete();
    }
  }

  /** Stops holding and releases the frames held. */
  void release() {
    if (frames != null) {
      for (Object msg : frames) {
        ReferenceCountUtil.release(msg);
      }
      frames = null;
    }
  }
}
