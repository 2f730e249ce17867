package kaa.rpc.benchmarks.sidebyside;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The frames of the three floors (blocking socket, bare Netty, caller-driven Netty): nothing but
 * what a call needs. Requests and responses alike:
 *
 * <pre>
 * length u32 (of what follows) | kind u8 | id i32 | body
 * ADD  body: a i32, b i32 (response: a + b i32)
 * ECHO body: the bytes     (response: the same bytes)
 * BYE  body: empty         (response: empty; ends a pipelined run)
 * </pre>
 *
 * A server answers in request order on each connection.
 */
final class FloorProtocol {
  static final byte ADD = 1;
  static final byte ECHO = 2;
  static final byte BYE = 3;
  /** Header bytes after the length: kind and id. */
  static final int HEADER = 5;
  static final int MAX_FRAME = 1 << 20;

  private FloorProtocol() {}

  static ByteBuf addRequest(ByteBufAllocator alloc, int id, int a, int b) {
    ByteBuf out = alloc.ioBuffer(4 + HEADER + 8);
    return out.writeInt(HEADER + 8).writeByte(ADD).writeInt(id).writeInt(a).writeInt(b);
  }

  static ByteBuf echoRequest(ByteBufAllocator alloc, int id, byte[] data) {
    ByteBuf out = alloc.ioBuffer(4 + HEADER + data.length);
    return out.writeInt(HEADER + data.length).writeByte(ECHO).writeInt(id).writeBytes(data);
  }

  static ByteBuf byeRequest(ByteBufAllocator alloc, int id) {
    return alloc.ioBuffer(4 + HEADER).writeInt(HEADER).writeByte(BYE).writeInt(id);
  }

  /**
   * The server's answer to one request frame ({@code in} without its length prefix), or throws
   * on a malformed frame.
   */
  static ByteBuf answer(ByteBufAllocator alloc, ByteBuf in) {
    byte kind = in.readByte();
    int id = in.readInt();
    switch (kind) {
      case ADD:
        {
          int sum = in.readInt() + in.readInt();
          return alloc.ioBuffer(4 + HEADER + 4).writeInt(HEADER + 4).writeByte(ADD).writeInt(id).writeInt(sum);
        }
      case ECHO:
        {
          int n = in.readableBytes();
          ByteBuf out = alloc.ioBuffer(4 + HEADER + n);
          return out.writeInt(HEADER + n).writeByte(ECHO).writeInt(id).writeBytes(in, n);
        }
      case BYE:
        return alloc.ioBuffer(4 + HEADER).writeInt(HEADER).writeByte(BYE).writeInt(id);
      default:
        throw new IllegalArgumentException("unknown frame kind " + kind);
    }
  }

  /** Writes one request or response frame to a stream (not flushed). */
  static void write(DataOutputStream out, byte kind, int id, int a, int b, byte[] data)
      throws IOException {
    int body = kind == ADD ? 8 : kind == ECHO ? data.length : 0;
    out.writeInt(HEADER + body);
    out.writeByte(kind);
    out.writeInt(id);
    if (kind == ADD) {
      out.writeInt(a);
      out.writeInt(b);
    } else if (kind == ECHO) {
      out.write(data);
    }
  }

  /** One frame read from a stream: kind, id, and body. */
  static final class Frame {
    byte kind;
    int id;
    byte[] body;

    /** Reads the next frame, or returns false at a clean end of stream. */
    boolean read(DataInputStream in) throws IOException {
      int length;
      try {
        length = in.readInt();
      } catch (java.io.EOFException e) {
        return false;
      }
      if (length < HEADER || length > MAX_FRAME) {
        throw new IOException("bad frame length " + length);
      }
      kind = in.readByte();
      id = in.readInt();
      body = new byte[length - HEADER];
      in.readFully(body);
      return true;
    }

    /** The body as the i32 at {@code offset}. */
    int intAt(int offset) {
      return ((body[offset] & 0xff) << 24)
          | ((body[offset + 1] & 0xff) << 16)
          | ((body[offset + 2] & 0xff) << 8)
          | (body[offset + 3] & 0xff);
    }
  }
}
