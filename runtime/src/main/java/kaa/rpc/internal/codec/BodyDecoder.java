package kaa.rpc.internal.codec;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.io.Input;
import kaa.rpc.ProtocolException;
import kaa.rpc.internal.serial.FrameBudget;
import kaa.rpc.internal.serial.KryoSession;

/** Decodes the body of a message, after its header, into a {@link Message}. */
final class BodyDecoder {
  private BodyDecoder() {}

  /** Decodes the body of a frame of {@code kind}, read by {@code in}. */
  static Message decode(KryoSession s, Input in, byte kind, int id) {
    switch (kind) {
      case Messages.CALL:
      case Messages.CALL_NAMED:
        return readCall(s, in, id, kind == Messages.CALL_NAMED);
      case Messages.RESULT:
        try {
          return new Message.Result(id, s.kryo().readClassAndObject(in), null);
        } catch (ProtocolException e) {
          throw e;
        } catch (RuntimeException e) {
          overBudget(e);
          // A value its own serializer refuses (an Instant out of range, say): that call fails.
          return new Message.Result(id, null, CodecFailures.deserializationFailure("result", e));
        }
      default:
        return new Message.Error(id, ErrorWire.readError(s, in, new int[1], 0));
    }
  }

  /** Reads the body of a CALL ({@code named}: a CALL_NAMED). */
  private static Message readCall(KryoSession s, Input in, int id, boolean named) {
    String name = Wire.readFunctionName(s, in);
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
          names[i] = Wire.readString(s, in);
        }
        values[i] = kryo.readClassAndObject(in);
      }
    } catch (ProtocolException e) {
      throw e; // the frame itself is broken
    } catch (RuntimeException e) {
      overBudget(e);
      // A value Kryo or its serializer refuses: that call fails, the connection stays.
      return new Message.Call(
          id, name, null, null, CodecFailures.deserializationFailure("argument of " + name, e));
    }
    return new Message.Call(id, name, values, names, null);
  }

  /** A spent frame budget closes the connection: the frame was built to exhaust memory. */
  static void overBudget(RuntimeException e) {
    FrameBudget.Exceeded exceeded = FrameBudget.exceeded(e);
    if (exceeded != null) {
      throw new ProtocolException(exceeded.getMessage(), exceeded);
    }
  }
}
