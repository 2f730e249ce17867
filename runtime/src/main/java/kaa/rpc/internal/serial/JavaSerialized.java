package kaa.rpc.internal.serial;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.KryoException;
import com.esotericsoftware.kryo.kryo5.Serializer;
import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;

/**
 * A registered JDK class that kaa-rpc has no serializer for (its fields are closed to reflection by
 * the module system), written with Java serialization: a varint of (byte count + 1), then the bytes
 * of one {@code ObjectOutputStream}. Reading resolves each class of the stream by name through the
 * {@link AllowList} before anything is loaded ({@link ObjectInputStream#resolveClass} is the only
 * place it looks), refuses proxies, and charges every array the stream asks for to the frame's
 * budget.
 */
final class JavaSerialized<T> extends Serializer<T> {
  private static final int MAX_DEPTH = 64;

  private final AllowList allowList;
  private final Class<T> type;

  JavaSerialized(AllowList allowList, Class<T> type) {
    this.allowList = allowList;
    this.type = type;
  }

  @Override
  public void write(Kryo kryo, Output output, T value) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    } catch (IOException e) {
      throw new KryoException("cannot serialize a " + type.getName() + ": " + e, e);
    }
    output.writeVarInt(bytes.size() + 1, true);
    output.writeBytes(bytes.toByteArray());
  }

  @Override
  public T read(Kryo kryo, Input input, Class<? extends T> ignored) {
    int length = input.readVarInt(true) - 1;
    byte[] bytes = input.readBytes(length); // checked against the frame and charged
    try (ObjectInputStream in = new Filtered(new ByteArrayInputStream(bytes), input)) {
      Object value = in.readObject();
      if (!type.isInstance(value)) {
        throw new KryoException(
            "a "
                + (value == null ? "null" : value.getClass().getName())
                + " is not a "
                + type.getName());
      }
      return type.cast(value);
    } catch (IOException | ClassNotFoundException e) {
      throw new KryoException("cannot deserialize a " + type.getName() + ": " + e, e);
    }
  }

  /** An object stream that resolves class names through the allow-list only. */
  private final class Filtered extends ObjectInputStream {
    Filtered(ByteArrayInputStream bytes, Input frame) throws IOException {
      super(bytes);
      setObjectInputFilter(
          info -> {
            if (info.depth() > MAX_DEPTH) {
              return ObjectInputFilter.Status.REJECTED;
            }
            if (info.arrayLength() > 0) {
              Class<?> component = info.serialClass().getComponentType();
              long element = component != null && component.isPrimitive() ? 8 : FrameBudget.REF;
              BoundedInput.charge(frame, FrameBudget.ARRAY + element * info.arrayLength());
            } else if (info.serialClass() != null) {
              BoundedInput.charge(frame, FrameBudget.OBJECT * 4);
            }
            return ObjectInputFilter.Status.UNDECIDED;
          });
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException {
      Class<?> resolved = allowList.lookupForJavaSerialization(desc.getName());
      if (resolved == null) {
        throw new InvalidClassException(
            desc.getName(), "not allowed by the serializer (inside a " + type.getName() + ")");
      }
      return resolved;
    }

    @Override
    protected Class<?> resolveProxyClass(String[] interfaces) throws IOException {
      throw new InvalidClassException("proxy classes are not allowed by the serializer");
    }
  }
}
