package kaa.rpc.internal.codec;

import kaa.rpc.SerializationException;

/** A decoded message. */
public sealed interface Message {
  /** The call id the message is about. */
  int id();

  /**
   * A call; {@code failure} is set, and the values null, if its arguments could not be decoded.
   * {@code names} is null for positional arguments.
   */
  record Call(int id, String name, Object[] values, String[] names, SerializationException failure)
      implements Message {}

  /** A result; {@code failure} is set if the value could not be decoded. */
  record Result(int id, Object value, SerializationException failure) implements Message {}

  /** A failure. */
  record Error(int id, RemoteError error) implements Message {}

  /** A cancellation. */
  record Cancel(int id) implements Message {}
}
