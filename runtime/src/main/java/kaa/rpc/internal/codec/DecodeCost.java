package kaa.rpc.internal.codec;

import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;
import kaa.rpc.SerializationException;
import kaa.rpc.internal.serial.FrameBudget;
import kaa.rpc.internal.serial.KryoSession;

/** Measures what decoding a message just encoded costs the receiver's frame budget. */
final class DecodeCost {
  private DecodeCost() {}

  /**
   * Frames of at most this many bytes are not measured: no value is charged more than about 128
   * bytes per byte it is encoded in (the dearest, a {@code Locale}, is charged some 600 bytes for
   * its 5), so such a frame stays under the {@link FrameBudget#FLOOR} of 64 KiB.
   */
  static final int MEASURED_ABOVE = 256;

  /**
   * Fails the message just written to {@code out} if decoding it would cost the receiver more than
   * its frame's allocation budget, which would make the receiver close the connection. The cost is
   * not estimated: the frame is decoded here, by the receiver's own code ({@link
   * BodyDecoder#decode}), with the frame's budget measuring instead of refusing. A failure of that
   * decode other than the budget is the receiver's to report, for that call only: it is ignored
   * here. {@code what} and {@code of} name the value in the error: "arguments of " and the
   * function's name, or "result" and "" (joined only when the check fails).
   */
  static void check(KryoSession s, Output out, String what, String of) {
    int frameBytes = out.position() - 4;
    long cost = of(s, out);
    long budget = FrameBudget.budgetOf(frameBytes);
    if (cost > budget) {
      throw new SerializationException(
          "decoding the "
              + what
              + of
              + " would make the receiver allocate "
              + cost
              + " bytes, more than the budget of "
              + budget
              + " bytes for a frame of "
              + frameBytes
              + " bytes ("
              + FrameBudget.MULTIPLE
              + " x the frame less "
              + FrameBudget.RESERVE
              + ", at least "
              + FrameBudget.FLOOR
              + "; docs/PROTOCOL.md §10). Boxed numbers and small objects take several times"
              + " their encoded size: send numbers as primitive arrays (int[], long[], double[])"
              + " rather than collections of boxes, or split the call into smaller ones");
    }
  }

  /**
   * {@link #check} for a call's positional arguments {@code args}, skipping the measuring decode
   * when every argument is of a kind whose cost is known without it ({@link #argumentsBound}).
   */
  static void checkArguments(KryoSession s, Output out, String name, Object[] args) {
    int frameBytes = out.position() - 4;
    if (frameBytes <= MEASURED_ABOVE) {
      return;
    }
    long bound = argumentsBound(frameBytes, name, args);
    if (bound < 0 || bound > FrameBudget.budgetOf(frameBytes)) {
      check(s, out, "arguments of ", name);
    }
  }

  /** {@link #check} for a result {@code value}, as {@link #checkArguments}. */
  static void checkResult(KryoSession s, Output out, Object value) {
    int frameBytes = out.position() - 4;
    if (frameBytes <= MEASURED_ABOVE) {
      return;
    }
    long bound = resultBound(frameBytes, value);
    if (bound < 0 || bound > FrameBudget.budgetOf(frameBytes)) {
      check(s, out, "result", "");
    }
  }

  /**
   * Most that decoding a call of {@code frameBytes} to {@code name} with {@code args} is charged,
   * if every argument is flat ({@link #flatBound}); else -1.
   */
  static long argumentsBound(int frameBytes, String name, Object[] args) {
    // The frame's copy; the function's name (2 bytes a UTF-8 byte, at most 3 a char); the arrays
    // of values and of names.
    long bound = FIXED_BOUND + frameBytes + 2 * (3L * (name == null ? 0 : name.length()) + 1);
    bound += 2 * (FrameBudget.ARRAY + 4L * args.length);
    for (Object arg : args) {
      long cost = flatBound(arg);
      if (cost < 0) {
        return -1;
      }
      bound += cost;
    }
    return bound;
  }

  /** Most that decoding a result of {@code frameBytes} holding {@code value} is charged, or -1. */
  static long resultBound(int frameBytes, Object value) {
    long cost = flatBound(value);
    return cost < 0 ? -1 : FIXED_BOUND + frameBytes + cost;
  }

  /**
   * What a frame of flat values is charged besides its values and its copy (and, for a call, its
   * function's name): the message's own arrays and Kryo's class tags, with room to spare.
   */
  static final long FIXED_BOUND = 4096;

  /**
   * Most that decoding {@code value} is charged (its class tag aside), if it is null, a boxed
   * primitive or a {@code byte[]}; -1 for any other value, whose cost only a decode tells. A
   * {@code byte[]} of n bytes is charged an array of n: measuring it would decode the array again,
   * a copy and an allocation as large as the payload, at every call.
   */
  static long flatBound(Object value) {
    if (value == null) {
      return 0;
    }
    if (value instanceof byte[]) {
      return FrameBudget.ARRAY + ((byte[]) value).length;
    }
    if (value instanceof Integer
        || value instanceof Long
        || value instanceof Double
        || value instanceof Boolean
        || value instanceof Float
        || value instanceof Short
        || value instanceof Byte
        || value instanceof Character) {
      return 64;
    }
    return -1;
  }

  /**
   * What decoding the message just written to {@code out} costs the receiver's frame budget, or 0
   * for a frame of at most {@link #MEASURED_ABOVE} bytes (not measured).
   */
  static long of(KryoSession s, Output out) {
    int frameBytes = out.position() - 4;
    if (frameBytes <= MEASURED_ABOVE) {
      return 0;
    }
    byte[] written = out.getBuffer();
    byte kind = written[4];
    int id =
        ((written[5] & 0xff) << 24)
            | ((written[6] & 0xff) << 16)
            | ((written[7] & 0xff) << 8)
            | (written[8] & 0xff);
    Input in = s.measureWritten(frameBytes, Messages.HEADER, frameBytes - (Messages.HEADER - 4));
    try {
      BodyDecoder.decode(s, in, kind, id);
    } catch (RuntimeException | StackOverflowError e) {
      // The receiver fails the same way, after the same charges.
    }
    return s.measuredCost();
  }
}
