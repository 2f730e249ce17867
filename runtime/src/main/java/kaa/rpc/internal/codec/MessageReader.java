package kaa.rpc.internal.codec;

import kaa.rpc.SerializationException;

/**
 * Takes the messages {@link Messages#read} decodes, one call per message, on the thread that read
 * it and after the decoder has let go of its serializer (so a reader may encode and decode in
 * turn). Nothing is allocated to carry a message: what it holds comes as arguments. A value that
 * did not decode fails that one call: {@code failure} is set and the values are null.
 */
public interface MessageReader {
  /** A call; {@code names} is null for positional arguments, else one per value. */
  void call(int id, String name, Object[] values, String[] names, SerializationException failure);

  /** The result of call {@code id}. */
  void result(int id, Object value, SerializationException failure);

  /** Call {@code id} failed at the peer. */
  void error(int id, RemoteError error);

  /** The peer gave up call {@code id}. */
  void cancel(int id);
}
