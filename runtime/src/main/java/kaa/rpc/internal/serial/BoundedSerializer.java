package kaa.rpc.internal.serial;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.Serializer;
import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;

/**
 * Wraps the serializer of a collection, map or object array: before it reads, the element count
 * at the head of the value is checked against the bytes left in the frame ({@link BoundedInput}),
 * because the wrapped serializer allocates that many slots first. The wire format is unchanged.
 */
final class BoundedSerializer<T> extends Serializer<T> {
  /** How the element count is written at the head of the value. */
  enum Header {
    /** A varint of count + 1 (0 for null): object arrays and maps. */
    VARINT,
    /** Kryo's varint-with-flag of count + 1 (a lone 1 for empty): collections. */
    VARINT_FLAG
  }

  private final Serializer<T> delegate;
  private final Header header;

  BoundedSerializer(Serializer<T> delegate, Header header) {
    super(delegate.getAcceptsNull(), delegate.isImmutable());
    this.delegate = delegate;
    this.header = header;
  }

  @Override
  public void write(Kryo kryo, Output output, T value) {
    delegate.write(kryo, output, value);
  }

  @Override
  public T read(Kryo kryo, Input input, Class<? extends T> type) {
    if (input instanceof BoundedInput) {
      int start = input.position();
      long count =
          (header == Header.VARINT ? input.readVarInt(true) : input.readVarIntFlag(true)) - 1L;
      input.setPosition(start);
      ((BoundedInput) input).check(Math.max(count, 0));
    }
    return delegate.read(kryo, input, type);
  }

  @Override
  public T copy(Kryo kryo, T original) {
    return delegate.copy(kryo, original);
  }
}
