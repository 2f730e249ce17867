package kaa.rpc.internal.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import java.util.List;

/**
 * Splits the byte stream into frames:
 *
 * <pre>
 * +----------------+-----------------------+
 * | length: u32 BE | payload: length bytes |
 * +----------------+-----------------------+
 * </pre>
 *
 * Emits each payload (without its length) as a retained slice, or, once a {@link FrameReader} is
 * set (the connection carries messages), what that reader makes of the payload where it lies in
 * the decoder's buffer, so no slice is made a frame. A length above the current limit
 * fails at once, before any of the payload is buffered. The limit starts small for the handshake
 * and is raised by {@link #setMaxFrame} once the peer is authenticated. The start of a refused
 * frame is kept ({@link #refusedBytes}), so that the handshake can say what a peer that is not
 * kaa-rpc sent. Not sharable.
 */
public final class FrameDecoder extends ByteToMessageDecoder {
  /** How many bytes of a refused frame are kept. */
  public static final int REFUSED_BYTES_KEPT = 64;

  private int maxFrame;
  private byte[] refused;
  private FrameReader reader;

  /** Reads a whole frame where it lies in the decoder's buffer. */
  public interface FrameReader {
    /**
     * What the payload {@code in[index, index + length)} becomes, passed on instead of a slice.
     * Must not keep {@code in} nor change its indexes; must not throw for a bad payload, but
     * return what tells the next handler.
     */
    Object read(ByteBuf in, int index, int length);
  }

  /** A decoder accepting payloads of at most {@code maxFrame} bytes. */
  public FrameDecoder(int maxFrame) {
    this.maxFrame = maxFrame;
  }

  /**
   * The first bytes (at most {@value #REFUSED_BYTES_KEPT}, length prefix included, as far as they
   * had arrived) of the frame this decoder refused as too long or empty, or null if it refused
   * none.
   */
  public byte[] refusedBytes() {
    return refused;
  }

  /** From the next frame on, passes on what {@code reader} reads (event loop). */
  public void readWith(FrameReader reader) {
    this.reader = reader;
  }

  /** Changes the limit; call on the channel's event loop. */
  public void setMaxFrame(int maxFrame) {
    this.maxFrame = maxFrame;
  }

  /**
   * Decodes at most one frame per call, so the handler after it sees each frame before the next
   * is checked: the handshake raises the limit the moment the peer's proof checks out, and the
   * frame after the proof, read in the same chunk, is then held to the new limit.
   */
  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (in.readableBytes() >= 4) {
      long length = in.getUnsignedInt(in.readerIndex());
      if (length > maxFrame) {
        refuse(in);
        throw new TooLongFrameException(
            "frame of "
                + length
                + " bytes exceeds the limit of "
                + maxFrame
                + " from "
                + Addresses.describe(ctx.channel().remoteAddress()));
      }
      if (length == 0) {
        refuse(in);
        throw new CorruptedFrameException(
            "empty frame from " + Addresses.describe(ctx.channel().remoteAddress()));
      }
      if (in.readableBytes() < 4 + length) {
        return;
      }
      in.skipBytes(4);
      if (reader == null) {
        out.add(in.readRetainedSlice((int) length));
      } else {
        int index = in.readerIndex();
        in.skipBytes((int) length);
        out.add(reader.read(in, index, (int) length));
      }
    }
  }

  private void refuse(ByteBuf in) {
    int kept = Math.min(in.readableBytes(), REFUSED_BYTES_KEPT);
    refused = ByteBufUtil.getBytes(in, in.readerIndex(), kept);
    in.skipBytes(in.readableBytes());
  }
}
