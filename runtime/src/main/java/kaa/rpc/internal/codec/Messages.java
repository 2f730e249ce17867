package kaa.rpc.internal.codec;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.KryoException;
import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.Map;
import kaa.rpc.ProtocolException;
import kaa.rpc.SerializationException;
import kaa.rpc.internal.serial.FrameBudget;
import kaa.rpc.internal.serial.KryoSession;
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
 *  ERROR       0x13   id       error (see docs/PROTOCOL.md)
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
   * @throws SerializationException if an argument cannot be serialized, or decoding them would cost
   *     the receiver more than its frame's allocation budget (nothing is sent)
   */
  public ByteBuf call(ByteBufAllocator alloc, int id, String name, Object[] args) {
    KryoSession s = serialization.borrow();
    try {
      Output out = s.output();
      Wire.header(out, CALL, id);
      FunctionNames.encode(out, name);
      out.writeVarInt(args.length, true);
      Kryo kryo = s.kryo();
      for (Object arg : args) {
        kryo.writeClassAndObject(out, arg);
      }
      DecodeCost.checkArguments(s, out, name, args);
      return Wire.toFrame(alloc, out);
    } catch (SerializationException e) {
      throw e; // already says what was wrong
    } catch (RuntimeException e) {
      throw CodecFailures.serializationFailure("argument of " + name, e);
    } finally {
      serialization.release(s);
    }
  }

  /**
   * Encodes a call with named arguments.
   *
   * @throws SerializationException if an argument cannot be serialized, or decoding them would cost
   *     the receiver more than its frame's allocation budget (nothing is sent)
   */
  public ByteBuf namedCall(ByteBufAllocator alloc, int id, String name, Map<String, ?> args) {
    KryoSession s = serialization.borrow();
    try {
      Output out = s.output();
      Wire.header(out, CALL_NAMED, id);
      Wire.writeString(out, name);
      out.writeVarInt(args.size(), true);
      Kryo kryo = s.kryo();
      for (Map.Entry<String, ?> e : args.entrySet()) {
        Wire.writeString(out, e.getKey());
        kryo.writeClassAndObject(out, e.getValue());
      }
      DecodeCost.check(s, out, "arguments of ", name);
      return Wire.toFrame(alloc, out);
    } catch (SerializationException e) {
      throw e; // already says what was wrong
    } catch (RuntimeException e) {
      throw CodecFailures.serializationFailure("argument of " + name, e);
    } finally {
      serialization.release(s);
    }
  }

  /**
   * Encodes a result.
   *
   * @throws SerializationException if the value cannot be serialized, or decoding it would cost the
   *     caller more than its frame's allocation budget (send an ERROR in its place)
   */
  public ByteBuf result(ByteBufAllocator alloc, int id, Object value) {
    return result(id, value, alloc, Messages::copy);
  }

  /** Where the bytes of an encoded frame go, with what {@code target} is. */
  @FunctionalInterface
  public interface FrameSink<T> {
    /**
     * Takes the frame {@code bytes[0, length)} (length prefix included), valid only during this
     * call: copies it into {@code target} and returns null, or returns it as a buffer.
     */
    ByteBuf take(T target, byte[] bytes, int length);
  }

  /** The {@link FrameSink} that copies a frame into a buffer of {@code alloc}. */
  public static ByteBuf copy(ByteBufAllocator alloc, byte[] bytes, int length) {
    return Wire.copy(alloc, bytes, length);
  }

  /**
   * Encodes a result and hands the frame's bytes to {@code sink}, which copies them into {@code
   * target} (then this returns null) or returns them as a buffer: a small frame can then go where
   * it is written without a buffer of its own.
   *
   * @throws SerializationException as {@link #result(ByteBufAllocator, int, Object)}
   */
  public <T> ByteBuf result(int id, Object value, T target, FrameSink<T> sink) {
    KryoSession s = serialization.borrow();
    try {
      Output out = s.output();
      int length;
      try {
        Wire.header(out, RESULT, id);
        s.kryo().writeClassAndObject(out, value);
        DecodeCost.checkResult(s, out, value);
        length = Wire.patchLength(out);
      } catch (SerializationException e) {
        throw e; // already says what was wrong
      } catch (RuntimeException e) {
        throw CodecFailures.serializationFailure("result", e);
      }
      return sink.take(target, out.getBuffer(), length); // its failure is its own, not the value's
    } finally {
      serialization.release(s);
    }
  }

  /** Most characters of the message of an error sent without its stack, causes and suppressed. */
  static final int SHRUNK_ERROR_CHARS = 4096;

  /** Stack frames kept per exception, in turn, while an error costs more than its budget. */
  private static final int[] STACKS_CUT_TO = {128, 32, 8, 2, 0};

  /**
   * Encodes a failure; never fails. An error that would cost the receiver more than its frame's
   * budget to decode (a stack frame is charged some 5 times its encoded size) is sent with every
   * stack trace cut to 128 frames, then 32, 8, 2 and none, and at last as its class and message
   * only (the message cut to {@value #SHRUNK_ERROR_CHARS} characters), which always fits.
   */
  public ByteBuf error(ByteBufAllocator alloc, int id, RemoteError error) {
    KryoSession s = serialization.borrow();
    try {
      Output out = s.output();
      Wire.header(out, ERROR, id);
      ErrorWire.writeError(out, error);
      for (int i = 0; DecodeCost.of(s, out) > FrameBudget.budgetOf(out.position() - 4); i++) {
        out = s.output();
        Wire.header(out, ERROR, id);
        ErrorWire.writeError(
            out,
            i < STACKS_CUT_TO.length
                ? error.withStacksCut(STACKS_CUT_TO[i])
                : error.shrunk(SHRUNK_ERROR_CHARS));
        if (i == STACKS_CUT_TO.length) {
          break;
        }
      }
      return Wire.toFrame(alloc, out);
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
   * Decodes the frame {@code buf[index, index + length)} (it starts at the kind byte), leaving
   * {@code buf} as it is, and hands the message to {@code reader}.
   *
   * @throws ProtocolException if the frame is malformed: the connection must close
   */
  public void read(ByteBuf buf, int index, int length, MessageReader reader) {
    if (length < HEADER - 4) {
      throw new ProtocolException("frame of " + length + " bytes is too short for a message");
    }
    byte kind = buf.getByte(index);
    int id = buf.getInt(index + 1);
    if (kind == CANCEL) {
      reader.cancel(id);
      return;
    }
    if (kind != CALL && kind != CALL_NAMED && kind != RESULT && kind != ERROR) {
      throw new ProtocolException(String.format("unknown message kind 0x%02x", kind));
    }
    String name = null;
    Object[] values = null;
    String[] names = null;
    Object value = null;
    RemoteError error = null;
    SerializationException failure = null;
    KryoSession s = serialization.borrow();
    try {
      byte[] bytes = s.scratchForFrame(length);
      buf.getBytes(index, bytes, 0, length);
      Input in = s.input(bytes, HEADER - 4, length - (HEADER - 4));
      if (kind == RESULT) {
        try {
          value = BodyDecoder.readResult(s, in);
        } catch (SerializationException e) {
          failure = e;
        }
      } else if (kind == ERROR) {
        error = ErrorWire.readError(s, in, new int[1], 0);
      } else {
        name = BodyDecoder.readFunctionName(s, in, id);
        int count = BodyDecoder.readArgumentCount(s, in, name);
        values = new Object[count];
        names = kind == CALL_NAMED ? new String[count] : null;
        try {
          BodyDecoder.readArguments(s, in, name, values, names);
        } catch (SerializationException e) {
          failure = e;
          values = null;
          names = null;
        }
      }
    } catch (KryoException | IndexOutOfBoundsException | NegativeArraySizeException e) {
      BodyDecoder.overBudget(e);
      throw new ProtocolException("malformed message of kind " + kind + ": " + e.getMessage(), e);
    } catch (StackOverflowError e) {
      // The depth limit keeps graphs far from this on a default stack; a small stack may not.
      throw new ProtocolException(
          "a value of a message of kind " + kind + " is nested too deep for this thread's stack");
    } finally {
      serialization.release(s);
    }
    if (kind == RESULT) {
      reader.result(id, value, failure);
    } else if (kind == ERROR) {
      reader.error(id, error);
    } else {
      reader.call(id, name, values, names, failure);
    }
  }
}
