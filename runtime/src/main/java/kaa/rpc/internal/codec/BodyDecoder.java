package kaa.rpc.internal.codec;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.io.Input;
import kaa.rpc.ProtocolException;
import kaa.rpc.SerializationException;
import kaa.rpc.internal.serial.FrameBudget;
import kaa.rpc.internal.serial.KryoSession;

/**
 * Decodes the parts of a message's body, after its header. A broken frame throws {@link
 * ProtocolException} (the connection closes); a value its serializer refuses throws {@link
 * SerializationException} (that call fails, the connection stays).
 */
final class BodyDecoder {
  private BodyDecoder() {}

  /**
   * Decodes the body of a frame of {@code kind} as {@link Messages#read} does, and drops what it
   * read: {@link DecodeCost} measures what that costs.
   */
  static void decode(KryoSession s, Input in, byte kind, int id) {
    if (kind == Messages.RESULT) {
      readResult(s, in);
    } else if (kind == Messages.ERROR) {
      ErrorWire.readError(s, in, new int[1], 0);
    } else {
      String name = readFunctionName(s, in, id);
      int count = readArgumentCount(s, in, name);
      readArguments(
          s, in, name, new Object[count], kind == Messages.CALL_NAMED ? new String[count] : null);
    }
  }

  /** The value of a RESULT. */
  static Object readResult(KryoSession s, Input in) {
    try {
      return s.kryo().readClassAndObject(in);
    } catch (ProtocolException e) {
      throw e;
    } catch (RuntimeException e) {
      overBudget(e);
      // A value its own serializer refuses (an Instant out of range, say): that call fails.
      throw CodecFailures.deserializationFailure("result", e);
    }
  }

  /** The function name of call {@code id}. */
  static String readFunctionName(KryoSession s, Input in, int id) {
    String name = Wire.readFunctionName(s, in);
    if (name == null) {
      throw new ProtocolException("call " + id + " has no function name");
    }
    return name;
  }

  /** How many arguments call {@code name} claims, charged to the frame's budget. */
  static int readArgumentCount(KryoSession s, Input in, String name) {
    int count = in.readVarInt(true);
    if (count < 0 || count > in.limit() - in.position()) {
      throw new ProtocolException("call " + name + " claims " + count + " arguments");
    }
    s.charge(2 * (16 + 4L * count));
    return count;
  }

  /** Reads the arguments of call {@code name} into {@code values}, and their names if named. */
  static void readArguments(KryoSession s, Input in, String name, Object[] values, String[] names) {
    Kryo kryo = s.kryo();
    try {
      for (int i = 0; i < values.length; i++) {
        if (names != null) {
          names[i] = Wire.readString(s, in);
        }
        values[i] = kryo.readClassAndObject(in);
      }
    } catch (ProtocolException e) {
      throw e; // the frame itself is broken
    } catch (RuntimeException e) {
      overBudget(e);
      // A value Kryo or its serializer refuses: that call fails, the connection stays.
      throw CodecFailures.deserializationFailure("argument of " + name, e);
    }
  }

  /** A spent frame budget closes the connection: the frame was built to exhaust memory. */
  static void overBudget(RuntimeException e) {
    FrameBudget.Exceeded exceeded = FrameBudget.exceeded(e);
    if (exceeded != null) {
      throw new ProtocolException(exceeded.getMessage(), exceeded);
    }
  }
}
