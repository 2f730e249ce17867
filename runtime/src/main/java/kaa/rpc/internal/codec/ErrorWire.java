package kaa.rpc.internal.codec;

import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;
import kaa.rpc.ProtocolException;
import kaa.rpc.internal.serial.KryoSession;

/** Writes and reads the {@link RemoteError} body of an ERROR message. */
final class ErrorWire {
  private ErrorWire() {}

  /**
   * Writes an error: class name (str), message (str), frame count (varint), each frame as declaring
   * class, method, file (str each) and line (i32, big-endian), then a byte 1 and the cause, or 0,
   * then the count of suppressed exceptions (varint) and each of them.
   */
  static void writeError(Output out, RemoteError e) {
    Wire.writeString(out, e.className());
    Wire.writeString(out, e.message());
    out.writeVarInt(e.stackTrace().length, true);
    for (StackTraceElement f : e.stackTrace()) {
      Wire.writeString(out, f.getClassName());
      Wire.writeString(out, f.getMethodName());
      Wire.writeString(out, f.getFileName());
      Wire.writeInt(out, f.getLineNumber());
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
  static RemoteError readError(KryoSession s, Input in, int[] count, int depth) {
    if (++count[0] > RemoteError.MAX_ERRORS) {
      throw new ProtocolException("error with more than " + RemoteError.MAX_ERRORS + " exceptions");
    }
    String className = Wire.readString(s, in);
    String message = Wire.readString(s, in);
    int frames = in.readVarInt(true);
    if (className == null || frames < 0 || frames > RemoteError.MAX_FRAMES) {
      throw new ProtocolException("malformed error (" + frames + " stack frames)");
    }
    s.charge(64 + 64L * frames);
    StackTraceElement[] stack = new StackTraceElement[frames];
    for (int i = 0; i < frames; i++) {
      String declaring = Wire.readString(s, in);
      String method = Wire.readString(s, in);
      String file = Wire.readString(s, in);
      int line = Wire.readInt(in);
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
}
