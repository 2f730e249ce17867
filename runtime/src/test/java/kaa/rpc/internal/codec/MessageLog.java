package kaa.rpc.internal.codec;

import java.util.ArrayDeque;
import java.util.Queue;
import kaa.rpc.SerializationException;

/** A {@link MessageReader} for tests: keeps every message it is handed, as a value, in order. */
public final class MessageLog implements MessageReader {
  /** A call read. */
  public record Call(
      int id, String name, Object[] values, String[] names, SerializationException failure) {}

  /** A result read. */
  public record Result(int id, Object value, SerializationException failure) {}

  /** An error read. */
  public record Error(int id, RemoteError error) {}

  /** A cancel read. */
  public record Cancel(int id) {}

  private final Queue<Object> read = new ArrayDeque<>();

  /** The oldest message not yet taken, or null. */
  @SuppressWarnings("unchecked")
  public <T> T poll() {
    return (T) read.poll();
  }

  /** Decodes {@code frame} (from its kind byte on) with {@code messages}: the one message read. */
  public static Object read(Messages messages, io.netty.buffer.ByteBuf frame) {
    MessageLog log = new MessageLog();
    messages.read(frame, frame.readerIndex(), frame.readableBytes(), log);
    return log.poll();
  }

  @Override
  public void call(
      int id, String name, Object[] values, String[] names, SerializationException failure) {
    read.add(new Call(id, name, values, names, failure));
  }

  @Override
  public void result(int id, Object value, SerializationException failure) {
    read.add(new Result(id, value, failure));
  }

  @Override
  public void error(int id, RemoteError error) {
    read.add(new Error(id, error));
  }

  @Override
  public void cancel(int id) {
    read.add(new Cancel(id));
  }
}
