package kaa.rpc.internal.codec;

import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import kaa.rpc.ProtocolException;
import kaa.rpc.internal.serial.KryoSession;

/** Writes and reads the primitive parts of a message frame: the header, ints and strings. */
final class Wire {
  private Wire() {}

  /** Writes the header of a message of {@code kind} for call {@code id}, its length left 0. */
  static void header(Output out, byte kind, int id) {
    writeInt(out, 0); // length, patched by toFrame
    out.writeByte(kind);
    writeInt(out, id);
  }

  /** Writes a big-endian int (Kryo's own writeInt is little-endian). */
  static void writeInt(Output out, int value) {
    out.writeByte((byte) (value >>> 24));
    out.writeByte((byte) (value >>> 16));
    out.writeByte((byte) (value >>> 8));
    out.writeByte((byte) value);
  }

  /** Reads a big-endian int. */
  static int readInt(Input in) {
    return ((in.readByte() & 0xff) << 24)
        | ((in.readByte() & 0xff) << 16)
        | ((in.readByte() & 0xff) << 8)
        | (in.readByte() & 0xff);
  }

  /** Patches the length of the message written to {@code out} and copies it into a buffer. */
  static ByteBuf toFrame(ByteBufAllocator alloc, Output out) {
    return copy(alloc, out.getBuffer(), patchLength(out));
  }

  /**
   * Patches the length of the message written to {@code out}; returns the frame's size, its bytes
   * being {@code out.getBuffer()[0, size)}.
   */
  static int patchLength(Output out) {
    int length = out.position();
    byte[] bytes = out.getBuffer();
    int body = length - 4;
    bytes[0] = (byte) (body >>> 24);
    bytes[1] = (byte) (body >>> 16);
    bytes[2] = (byte) (body >>> 8);
    bytes[3] = (byte) body;
    return length;
  }

  /** A buffer holding a copy of {@code bytes[0, length)}. */
  static ByteBuf copy(ByteBufAllocator alloc, byte[] bytes, int length) {
    ByteBuf buf = alloc.ioBuffer(length);
    buf.writeBytes(bytes, 0, length);
    return buf;
  }

  /** Writes a string: varint (UTF-8 length + 1, 0 for null), then the UTF-8 bytes. */
  static void writeString(Output out, String value) {
    if (value == null) {
      out.writeVarInt(0, true);
      return;
    }
    int n = value.length();
    boolean ascii = true;
    for (int i = 0; i < n && ascii; i++) {
      ascii = value.charAt(i) < 0x80;
    }
    if (ascii) {
      out.writeVarInt(n + 1, true);
      for (int i = 0; i < n; i++) {
        out.writeByte((byte) value.charAt(i));
      }
    } else {
      byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
      out.writeVarInt(utf8.length + 1, true);
      out.writeBytes(utf8);
    }
  }

  /** Reads a string, charging it to the frame's budget. */
  static String readString(KryoSession s, Input in) {
    chargeString(s, in);
    return readString(in, false);
  }

  /** Charges the string that {@code in} is at to the frame's budget, before it is read. */
  private static void chargeString(KryoSession s, Input in) {
    int start = in.position();
    int v = in.readVarInt(true);
    in.setPosition(start);
    if (v > 1) {
      s.charge(56 + 2L * Math.min(v, in.limit() - in.position()));
    }
  }

  static String readString(Input in) {
    return readString(in, false);
  }

  /**
   * Reads the name of the function of a call: as {@link #readString(KryoSession, Input)}, but a
   * name read recently is returned again rather than decoded ({@link FunctionNames}).
   */
  static String readFunctionName(KryoSession s, Input in) {
    chargeString(s, in);
    return readString(in, true);
  }

  private static String readString(Input in, boolean functionName) {
    int v = in.readVarInt(true);
    if (v == 0) {
      return null;
    }
    int n = v - 1;
    if (v < 0) {
      throw new ProtocolException(
          "string length " + Integer.toUnsignedString(v) + " is out of range");
    }
    if (n > in.limit() - in.position()) {
      throw new ProtocolException("string of " + n + " bytes runs past the end of its frame");
    }
    String s =
        functionName
            ? FunctionNames.decode(in.getBuffer(), in.position(), n)
            : new String(in.getBuffer(), in.position(), n, StandardCharsets.UTF_8);
    in.setPosition(in.position() + n);
    return s;
  }
}
