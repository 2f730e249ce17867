package kaa.rpc;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import kaa.rpc.internal.codec.Messages;

/**
 * Frames a hostile peer holding the secret can build to make the receiver allocate: nested and
 * repeated length claims, each about as large as the frame, and legitimate values whose decoded
 * form is many times their encoded size. Each value is wrapped in a CALL or a RESULT.
 */
final class HostileFrames {
  private HostileFrames() {}

  /** Wire bytes of Kryo's registered classes (id + 2) used here. */
  static final int OBJECT_ARRAY = 0x1f;

  static final int STRING_ARRAY = 0x1e;
  static final int ARRAY_LIST = 0x20;
  static final int HASH_MAP = 0x22;
  static final int EMPTY_LIST = 0x40;

  /** The hostile values of about {@code size} bytes, by name. */
  static Map<String, byte[]> values(int size) {
    Map<String, byte[]> values = new LinkedHashMap<>();
    values.put(
        "Object[] claims of the whole frame, nested", nested(size, OBJECT_ARRAY, false, size));
    values.put(
        "Object[] claims of half the frame, nested", nested(size, OBJECT_ARRAY, false, size / 2));
    values.put("Object[] claims halving, nested", halving(size, OBJECT_ARRAY));
    values.put(
        "ArrayList claims of half the frame, nested", nested(size, ARRAY_LIST, true, size / 2));
    values.put("HashMap claims of half the frame, nested", nested(size, HASH_MAP, false, size / 2));
    values.put(
        FITS + "String[] of half a frame of strings and nulls",
        nested(size, STRING_ARRAY, false, size / 2));
    values.put("Object[] of nulls (legitimate)", flatNulls(size, size - 8));
    values.put(
        FITS + "Object[] of nulls just under the budget", flatNulls(size, (int) (size * 0.74)));
    values.put(
        "ArrayList of empty ArrayLists, one byte each (legitimate)",
        sameClassElements(size, ARRAY_LIST, 1));
    values.put(
        "ArrayList of empty HashMaps, one byte each (legitimate)",
        sameClassElements(size, HASH_MAP, 1));
    values.put("Object[] of lists of zero-byte elements claiming the frame", zeroByteLists(size));
    return values;
  }

  /** A CALL of "echo" with {@code value} as its one argument (payload: kind onwards). */
  static byte[] call(int id, byte[] value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(Messages.CALL);
    writeInt(out, id);
    out.write(5);
    out.writeBytes("echo".getBytes(StandardCharsets.US_ASCII));
    out.write(1);
    out.writeBytes(value);
    return out.toByteArray();
  }

  /** A RESULT of call {@code id} holding {@code value}. */
  static byte[] result(int id, byte[] value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(Messages.RESULT);
    writeInt(out, id);
    out.writeBytes(value);
    return out.toByteArray();
  }

  /**
   * An ERROR of call {@code id}: 64 exceptions (one with 63 suppressed), each with the most stack
   * frames allowed, every frame as small as it can be (null strings, 7 bytes) and many times that
   * in memory.
   */
  static byte[] error(int id) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(Messages.ERROR);
    writeInt(out, id);
    smallError(out, 63);
    return out.toByteArray();
  }

  private static void smallError(ByteArrayOutputStream out, int suppressed) {
    out.write(2); // class name "x"
    out.write('x');
    out.write(0); // no message
    varInt(out, 256);
    for (int i = 0; i < 256; i++) {
      out.write(0); // declaring class null
      out.write(0); // method null
      out.write(0); // file null
      writeInt(out, i);
    }
    out.write(0); // no cause
    varInt(out, suppressed);
    for (int i = 0; i < suppressed; i++) {
      smallError(out, 0);
    }
  }

  /**
   * Levels of {@code kind} each claiming {@code claim} elements (the first element of each is the
   * next level; a map's first key), padded with nulls to {@code size}.
   */
  private static byte[] nested(int size, int kind, boolean flagged, int claim) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int level = 0; level < 400 && out.size() < size / 2; level++) {
      out.write(kind);
      if (flagged) {
        varIntFlag(out, false, claim + 1);
      } else {
        varInt(out, claim + 1);
      }
    }
    while (out.size() < size) {
      out.write(kind == STRING_ARRAY ? 0x80 : 0);
    }
    return out.toByteArray();
  }

  /** Object[] levels claiming a half, a quarter, ... of the frame's worth of slots. */
  private static byte[] halving(int size, int kind) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int claim = size / 2; claim > 16; claim /= 2) {
      out.write(kind);
      varInt(out, claim + 1);
    }
    while (out.size() < size) {
      out.write(0);
    }
    return out.toByteArray();
  }

  /** Names of values that are legitimate and fit the budget: they decode. */
  static final String FITS = "(fits) ";

  /** An Object[] of {@code count} nulls, then padding nulls after it up to {@code size}. */
  private static byte[] flatNulls(int size, int count) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(OBJECT_ARRAY);
    varInt(out, count + 1);
    out.writeBytes(new byte[count]);
    while (out.size() < size) {
      out.write(0); // (the rest of the frame, never read)
    }
    return out.toByteArray();
  }

  /** An ArrayList of elements all of class {@code kind}, each {@code bytes} long (01 = empty). */
  private static byte[] sameClassElements(int size, int kind, int bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int count = (size - 16) / bytes;
    out.write(ARRAY_LIST);
    varIntFlag(out, true, count + 1);
    out.write(kind);
    out.write(0); // no nulls
    for (int i = 0; i < count; i++) {
      out.write(1);
    }
    return out.toByteArray();
  }

  /**
   * An Object[] of ArrayLists, each claiming as many elements as the frame has bytes, all of a
   * class that takes no bytes (Collections.emptyList()): each list costs 8 bytes to send.
   */
  private static byte[] zeroByteLists(int size) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int lists = (size - 16) / 8;
    out.write(OBJECT_ARRAY);
    varInt(out, lists + 1);
    for (int i = 0; i < lists; i++) {
      out.write(ARRAY_LIST);
      varIntFlag(out, true, size / 2 + 1);
      out.write(EMPTY_LIST);
      out.write(0);
    }
    while (out.size() < size) {
      out.write(0);
    }
    return out.toByteArray();
  }

  static void varInt(ByteArrayOutputStream out, int value) {
    while ((value & ~0x7f) != 0) {
      out.write((value & 0x7f) | 0x80);
      value >>>= 7;
    }
    out.write(value);
  }

  static void varIntFlag(ByteArrayOutputStream out, boolean flag, int value) {
    int first = (flag ? 0x80 : 0) | (value & 0x3f);
    value >>>= 6;
    if (value != 0) {
      first |= 0x40;
    }
    out.write(first);
    if (value != 0) {
      varInt(out, value);
    }
  }

  private static void writeInt(ByteArrayOutputStream out, int v) {
    out.write(v >>> 24);
    out.write(v >>> 16);
    out.write(v >>> 8);
    out.write(v);
  }

  /** What decoding {@code payload} allocated on this thread, and how it ended. */
  record Decoded(long allocated, int frameBytes, RuntimeException failure, String refusal) {
    double ratio() {
      return (double) allocated / frameBytes;
    }
  }

  /** Decodes {@code payload} with {@code messages} on this thread, measuring its allocation. */
  static Decoded decode(Messages messages, byte[] payload) {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    ByteBuf frame = Unpooled.wrappedBuffer(payload);
    RuntimeException failure = null;
    Object message = null;
    long before = threads.getCurrentThreadAllocatedBytes();
    try {
      message = kaa.rpc.internal.codec.MessageLog.read(messages, frame);
    } catch (RuntimeException e) {
      failure = e;
    }
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    frame.release();
    String refusal = failure != null ? "closes: " + failure.getMessage() : null;
    if (message instanceof kaa.rpc.internal.codec.MessageLog.Call call && call.failure() != null) {
      refusal = "fails the call: " + call.failure().getMessage();
    } else if (message instanceof kaa.rpc.internal.codec.MessageLog.Result result
        && result.failure() != null) {
      refusal = "fails the call: " + result.failure().getMessage();
    }
    return new Decoded(allocated, payload.length + 4, failure, refusal);
  }
}
