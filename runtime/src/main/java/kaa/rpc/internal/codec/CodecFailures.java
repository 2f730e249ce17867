package kaa.rpc.internal.codec;

import kaa.rpc.SerializationException;
import kaa.rpc.internal.serial.KryoSession;
import kaa.rpc.internal.serial.NotAllowed;

/** Turns a failure to serialize or deserialize a value into an error that says what to do. */
final class CodecFailures {
  private CodecFailures() {}

  /** The error for a value that could not be decoded as the {@code what} of a message. */
  static SerializationException deserializationFailure(String what, RuntimeException e) {
    String notAllowed = NotAllowed.className(e);
    if (notAllowed != null) {
      return serializationFailure(what, e);
    }
    return new SerializationException("cannot deserialize the " + what + ": " + e.getMessage(), e);
  }

  /** The error for a value that could not be encoded as the {@code what} of a message. */
  static SerializationException serializationFailure(String what, RuntimeException e) {
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
