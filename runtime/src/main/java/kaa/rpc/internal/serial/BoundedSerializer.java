package kaa.rpc.internal.serial;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.Serializer;
import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;

/**
 * Wraps a serializer so that what its {@code read} allocates is charged to the frame's {@link
 * FrameBudget} first: a fixed cost for the objects it always creates and, for a collection, map or
 * array, a cost per element of the count at the head of the value, which the wrapped serializer
 * would trust to size its storage. The count is also checked against the bytes left in the frame
 * ({@link BoundedInput#check}). The wire format is unchanged.
 */
final class BoundedSerializer<T> extends Serializer<T> {
  /** How the element count is written at the head of the value. */
  enum Header {
    /** No count: a fixed cost only. */
    NONE,
    /** A varint of count + 1 (0 for null): object arrays, maps, BigInteger. */
    VARINT,
    /** Kryo's varint-with-flag of count + 1 (a lone 1 for empty): collections. */
    VARINT_FLAG
  }

  /**
   * What one value costs: {@code fixed} bytes plus {@code perElement} bytes per counted element.
   */
  record Cost(Header header, long fixed, long perElement) {
    static Cost fixed(long bytes) {
      return new Cost(Header.NONE, bytes, 0);
    }

    static Cost collection(long fixed, long perElement) {
      return new Cost(Header.VARINT_FLAG, fixed, perElement);
    }

    static Cost map(long fixed, long perEntry) {
      return new Cost(Header.VARINT, fixed, perEntry);
    }
  }

  private final Serializer<T> delegate;
  private final Cost cost;

  BoundedSerializer(Serializer<T> delegate, Cost cost) {
    super(delegate.getAcceptsNull(), delegate.isImmutable());
    this.delegate = delegate;
    this.cost = cost;
  }

  /** The wrapped serializer. */
  Serializer<T> delegate() {
    return delegate;
  }

  @Override
  public void write(Kryo kryo, Output output, T value) {
    delegate.write(kryo, output, value);
  }

  @Override
  public T read(Kryo kryo, Input input, Class<? extends T> type) {
    if (input instanceof BoundedInput) {
      BoundedInput bounded = (BoundedInput) input;
      long count = 0;
      if (cost.header() != Header.NONE) {
        int start = input.position();
        count =
            (cost.header() == Header.VARINT ? input.readVarInt(true) : input.readVarIntFlag(true))
                - 1L;
        input.setPosition(start);
        bounded.check(count == -1 ? 0 : count); // -1 is null; anything below is a lie
        count = Math.max(count, 0);
      }
      bounded.charge(cost.fixed() + cost.perElement() * count);
    }
    return delegate.read(kryo, input, type);
  }

  @Override
  public T copy(Kryo kryo, T original) {
    return delegate.copy(kryo, original);
  }
}
