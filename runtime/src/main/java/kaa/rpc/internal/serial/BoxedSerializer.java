package kaa.rpc.internal.serial;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.Serializer;
import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;

/**
 * Charges a boxed primitive to the frame's budget when boxing it allocates: always for {@code
 * Float} and {@code Double}, outside the JDK's cache of -128 to 127 for the integral types.
 */
final class BoxedSerializer<T> extends Serializer<T> {
  private final Serializer<T> delegate;

  BoxedSerializer(Serializer<T> delegate) {
    super(delegate.getAcceptsNull(), delegate.isImmutable());
    this.delegate = delegate;
  }

  @Override
  public void write(Kryo kryo, Output output, T value) {
    delegate.write(kryo, output, value);
  }

  @Override
  public T read(Kryo kryo, Input input, Class<? extends T> type) {
    T value = delegate.read(kryo, input, type);
    if (!cached(value)) {
      // A header of 12 bytes and the value, aligned to 8: a Long or a Double takes 24.
      boolean wide = value instanceof Long || value instanceof Double;
      BoundedInput.charge(input, wide ? 24 : FrameBudget.OBJECT);
    }
    return value;
  }

  private static boolean cached(Object value) {
    long v;
    if (value instanceof Integer || value instanceof Short || value instanceof Long) {
      v = ((Number) value).longValue();
    } else if (value instanceof Character) {
      v = (Character) value;
    } else {
      return false;
    }
    return v >= -128 && v <= 127;
  }

  @Override
  public T copy(Kryo kryo, T original) {
    return original;
  }
}
