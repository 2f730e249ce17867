package kaa.rpc.internal.codec;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.KryoException;
import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import kaa.rpc.ProtocolException;
import kaa.rpc.SerializationException;
import kaa.rpc.internal.serial.FrameBudget;
import kaa.rpc.internal.serial.KryoSession;
import kaa.rpc.internal.serial.NotAllowed;
import kaa.rpc.internal.serial.Serialization;

/**
 * Encodes and decodes the messages exchanged after the handshake. Every message is one frame:
 *
 * <pre>
 * +----------+------+---------+---------------------------------------------+
 * | length   | kind | call id | body (by kind)                              |
 * | u32 (BE) | u8   | i32 (BE)|                                             |
 * +----------+------+---------+---------------------------------------------+
 *  CALL        0x10   id       name:str, count:varint, count x value
 *  CALL_NAMED  0x11   id       name:str, count:varint, count x (str, value)
 *  RESULT      0x12   id       value
 *  ERROR       0x13   id       error (see {@link #writeError})
 *  CANCEL      0x14   id       (empty)
 * </pre>
 *
 * {@code length} counts the bytes after itself. {@code str} is a varint of (UTF-8 length + 1), 0
 * meaning null, then the UTF-8 bytes; {@code value} is Kryo's class-and-object encoding. See
 * docs/PROTOCOL.md. Thread-safe: state lives in pooled {@link KryoSession}s.
 */
public final class Messages {
  /** A call with positional arguments. */
  public static final byte CALL = 0x10;

  /** A call with named arguments. */
  public static final byte CALL_NAMED = 0x11;

  /** The result of a call. */
  public static final byte RESULT = 0x12;

  /** The failure of a call. */
  public static final byte ERROR = 0x13;

  /** The caller gave up on a call. */
  public static final byte CANCEL = 0x14;

  /** Bytes before the body: length, kind, call id. */
  public static final int HEADER = 4 + 1 + 4;

  private final Serialization serialization;

  /** Messages serialized with {@code serialization}. */
  public Messages(Serialization serialization) {
    this.serialization = serialization;
  }

  /**
   * Encodes a call.
   *
   * @throws SerializationException if an argument cannot be serialized (nothing is sent)
   */
  public ByteBuf call(ByteBufAllocator alloc, int id, String name, Object[] args) {
    KryoSession s = serialization.borrow();
    try {
      Output out = s.output();
      header(out, CALL, id);
      writeString(out, name);
      out.writeVarInt(args.length, true);
      Kryo kryo = s.kryo();
      for (Object arg : args) {
        kryo.writeClassAndObject(out, arg);
      }
      return toFrame(alloc, out);
    } catch (RuntimeException e) {
      throw serializationFailure("argument of " + name, e);
    } finally {
      serialization.release(s);
    }
  }

  /**
   * Encodes a call with named arguments.
   *
   * @throws SerializationException if an argument cannot be serialized (nothing is sent)
   */
  public ByteBuf namedCall(ByteBufAllocator alloc, int id, String name, Map<String, ?> args) {
    KryoSession s = serialization.borrow();
    try {
      Output out = s.output();
      header(out, CALL_NAMED, id);
      writeString(out, name);
      out.writeVarInt(args.size(), true);
      Kryo kryo = s.kryo();
      for (Map.Entry<String, ?> e : args.entrySet()) {
        writeString(out, e.getKey());
        kryo.writeClassAndObject(out, e.getValue());
      }
      return toFrame(alloc, out);
    } catch (RuntimeException e) {
      throw serializationFailure("argument of " + name, e);
    } finally {
      serialization.release(s);
    }
  }

  /**
   * Encodes a result.
   *
   * @throws SerializationException if the value cannot be serialized
   */
  public ByteBuf result(ByteBufAllocator alloc, int id, Object value) {
    KryoSession s = serialization.borrow();
    try {
      Output out = s.output();
      header(out, RESULT, id);
      s.kryo().writeClassAndObject(out, value);
      return toFrame(alloc, out);
    } catch (RuntimeException e) {
      throw serializationFailure("result", e);
    } finally {
      serialization.release(s);
    }
  }

  /** Encodes a failure; never fails. */
  public ByteBuf error(ByteBufAllocator alloc, int id, RemoteError error) {
    KryoSession s = serialization.borrow();
    try {
      Output out = s.output();
      header(out, ERROR, id);
      writeError(out, error);
      return toFrame(alloc, out);
    } finally {
      serialization.release(s);
    }
  }

  /** Encodes a cancellation. */
  public static ByteBuf cancel(ByteBufAllocator alloc, int id) {
    ByteBuf buf = alloc.ioBuffer(HEADER);
    buf.writeInt(HEADER - 4).writeByte(CANCEL).writeInt(id);
    return buf;
  }

  /** The kind byte of a frame (the frame starts after the length). */
  public static byte kind(ByteBuf frame) {
    return frame.getByte(frame.readerIndex());
  }

  /** The call id of a frame (the frame starts after the length). */
  public static int callId(ByteBuf frame) {
    return frame.getInt(frame.readerIndex() + 1);
  }

  /**
   * Decodes a frame that the handshake let through (it starts at the kind byte). Does not release
   * {@code frame}.
   *
   * @throws ProtocolException if the frame is malformed: the connection must close
   */
  public Message read(ByteBuf frame) {
    int length = frame.readableBytes();
    if (length < HEADER - 4) {
      throw new ProtocolException("frame of " + length + " bytes is too short for a message");
    }
    byte kind = kind(frame);
    int id = callId(frame);
    if (kind == CANCEL) {
      return new Message.Cancel(id);
    }
    if (kind != CALL && kind != CALL_NAMED && kind != RESULT && kind != ERROR) {
      throw new ProtocolException(String.format("unknown message kind 0x%02x", kind));
    }
    KryoSession s = serialization.borrow();
    try {
      byte[] bytes = s.scratchForFrame(length);
      frame.getBytes(frame.readerIndex(), bytes, 0, length);
      Input in = s.input(bytes, HEADER - 4, length - (HEADER - 4));
      switch (kind) {
        case CALL:
        case CALL_NAMED:
          return readCall(s, in, id, kind == CALL_NAMED);
        case RESULT:
          try {
            return new Message.Result(id, s.kryo().readClassAndObject(in), null);
          } catch (ProtocolException e) {
            throw e;
          } catch (RuntimeException e) {
            overBudget(e);
            // A value its own serializer refuses (an Instant out of range, say): that call fails.
            return new Message.Result(id, null, deserializationFailure("result", e));
          }
        default:
          return new Message.Error(id, readError(s, in, new int[1], 0));
      }
    } catch (KryoException | IndexOutOfBoundsException | NegativeArraySizeException e) {
      overBudget(e);
      throw new ProtocolException("malformed message of kind " + kind + ": " + e.getMessage(), e);
    } catch (StackOverflowError e) {
      // The depth limit keeps graphs far from this on a default stack; a small stack may not.
      throw new ProtocolException(
          "a value of a message of kind " + kind + " is nested too deep for this thread's stack");
    } finally {
      serialization.release(s);
    }
  }

  private static Message readCall(KryoSession s, Input in, int id, boolean named) {
    String name = readString(s, in);
    if (name == null) {
      throw new ProtocolException("call " + id + " has no function name");
    }
    int count = in.readVarInt(true);
    if (count < 0 || count > in.limit() - in.position()) {
      throw new ProtocolException("call " + name + " claims " + count + " arguments");
    }
    s.charge(2 * (16 + 4L * count));
    Object[] values = new Object[count];
    String[] names = named ? new String[count] : null;
    Kryo kryo = s.kryo();
    try {
      for (int i = 0; i < count; i++) {
        if (named) {
          names[i] = readString(s, in);
        }
        values[i] = kryo.readClassAndObject(in);
      }
    } catch (ProtocolException e) {
      throw e; // the frame itself is broken
    } catch (RuntimeException e) {
      overBudget(e);
      // A value Kryo or its serializer refuses: that call fails, the connection stays.
      return new Message.Call(
          id, name, null, null, deserializationFailure("argument of " + name, e));
    }
    return new Message.Call(id, name, values, names, null);
  }

  /** A spent frame budget closes the connection: the frame was built to exhaust memory. */
  private static void overBudget(RuntimeException e) {
    FrameBudget.Exceeded exceeded = FrameBudget.exceeded(e);
    if (exceeded != null) {
      throw new ProtocolException(exceeded.getMessage(), exceeded);
    }
  }

  private static void header(Output out, byte kind, int id) {
    writeInt(out, 0); // length, patched by toFrame
    out.writeByte(kind);
    writeInt(out, id);
  }

  /** Writes a big-endian int (Kryo's own writeInt is little-endian). */
  private static void writeInt(Output out, int value) {
    out.writeByte((byte) (value >>> 24));
    out.writeByte((byte) (value >>> 16));
    out.writeByte((byte) (value >>> 8));
    out.writeByte((byte) value);
  }

  private static int readInt(Input in) {
    return ((in.readByte() & 0xff) << 24)
        | ((in.readByte() & 0xff) << 16)
        | ((in.readByte() & 0xff) << 8)
        | (in.readByte() & 0xff);
  }

  private static ByteBuf toFrame(ByteBufAllocator alloc, Output out) {
    int length = out.position();
    byte[] bytes = out.getBuffer();
    int body = length - 4;
    bytes[0] = (byte) (body >>> 24);
    bytes[1] = (byte) (body >>> 16);
    bytes[2] = (byte) (body >>> 8);
    bytes[3] = (byte) body;
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
  private static String readString(KryoSession s, Input in) {
    int start = in.position();
    int v = in.readVarInt(true);
    in.setPosition(start);
    if (v > 1) {
      s.charge(56 + 2L * Math.min(v, in.limit() - in.position()));
    }
    return readString(in);
  }

  static String readString(Input in) {
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
    String s = new String(in.getBuffer(), in.position(), n, StandardCharsets.UTF_8);
    in.setPosition(in.position() + n);
    return s;
  }

  /**
   * Writes an error: class name (str), message (str), frame count (varint), each frame as declaring
   * class, method, file (str each) and line (i32, big-endian), then a byte 1 and the cause, or 0,
   * then the count of suppressed exceptions (varint) and each of them.
   */
  static void writeError(Output out, RemoteError e) {
    writeString(out, e.className());
    writeString(out, e.message());
    out.writeVarInt(e.stackTrace().length, true);
    for (StackTraceElement f : e.stackTrace()) {
      writeString(out, f.getClassName());
      writeString(out, f.getMethodName());
      writeString(out, f.getFileName());
      writeInt(out, f.getLineNumber());
    }
    if (e.cause() == null) {
      out.writeByte(0);
    } else {
      out.writeByte(1);
      writeError(out, e.cause());
    }
    out.writeVarInt(e.suppressed().size(), true);
    for (RemoteError suppressed : e.suppressed()) {
      writeError(out, suppressed);
    }
  }

  /** Reads an error; {@code count} counts the errors of the payload, causes and suppressed. */
  private static RemoteError readError(KryoSession s, Input in, int[] count, int depth) {
    if (++count[0] > RemoteError.MAX_ERRORS) {
      throw new ProtocolException("error with more than " + RemoteError.MAX_ERRORS + " exceptions");
    }
    String className = readString(s, in);
    String message = readString(s, in);
    int frames = in.readVarInt(true);
    if (className == null || frames < 0 || frames > RemoteError.MAX_FRAMES) {
      throw new ProtocolException("malformed error (" + frames + " stack frames)");
    }
    s.charge(64 + 64L * frames);
    StackTraceElement[] stack = new StackTraceElement[frames];
    for (int i = 0; i < frames; i++) {
      String declaring = readString(s, in);
      String method = readString(s, in);
      String file = readString(s, in);
      int line = readInt(in);
      stack[i] =
          new StackTraceElement(
              declaring == null ? "?" : declaring, method == null ? "?" : method, file, line);
    }
    RemoteError cause = null;
    if (in.readByte() != 0) {
      if (depth >= RemoteError.MAX_CAUSES) {
        throw new ProtocolException("error with more than " + RemoteError.MAX_CAUSES + " causes");
      }
      cause = readError(s, in, count, depth + 1);
    }
    int suppressedCount = in.readVarInt(true);
    if (suppressedCount < 0 || suppressedCount > RemoteError.MAX_ERRORS) {
      throw new ProtocolException("error with " + suppressedCount + " suppressed exceptions");
    }
    if (suppressedCount > 0 && depth >= RemoteError.MAX_CAUSES) {
      throw new ProtocolException("error with more than " + RemoteError.MAX_CAUSES + " levels");
    }
    java.util.List<RemoteError> suppressed = new java.util.ArrayList<>(suppressedCount);
    for (int i = 0; i < suppressedCount; i++) {
      suppressed.add(readError(s, in, count, depth + 1));
    }
    return new RemoteError(className, message, stack, cause, suppressed);
  }

  private static SerializationException deserializationFailure(String what, RuntimeException e) {
    String notAllowed = NotAllowed.className(e);
    if (notAllowed != null) {
      return serializationFailure(what, e);
    }
    return new SerializationException("cannot deserialize the " + what + ": " + e.getMessage(), e);
  }

  private static SerializationException serializationFailure(String what, RuntimeException e) {
    String notAllowed = NotAllowed.className(e);
    if (notAllowed != null) {
      return new SerializationException(
          "class "
              + notAllowed
              + " of the "
              + what
              + " is not allowed by the serializer: name it in an @Expose signature, or register"
              + " it with Options.builder().registerTypes(...) on both ends",
          e);
    }
    if (String.valueOf(e.getMessage()).startsWith("Max depth exceeded")) {
      return new SerializationException(
          "the "
              + what
              + " is nested more than "
              + KryoSession.MAX_DEPTH
              + " levels deep, the most a peer decodes (deeper could overflow its stack)",
          e);
    }
    return new SerializationException("cannot serialize the " + what + ": " + e.getMessage(), e);
  }
}
