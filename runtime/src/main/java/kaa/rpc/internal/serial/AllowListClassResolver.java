package kaa.rpc.internal.serial;

import com.esotericsoftware.kryo.kryo5.KryoException;
import com.esotericsoftware.kryo.kryo5.Registration;
import com.esotericsoftware.kryo.kryo5.Serializer;
import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;
import com.esotericsoftware.kryo.kryo5.util.DefaultClassResolver;
import com.esotericsoftware.kryo.kryo5.util.IntMap;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

/**
 * Kryo's class resolver with the allow-list in front. Writing: a JDK collection, map or entry
 * without an id of its own gets its alias's registration ({@link JdkAliases#aliasFor}); any other
 * class without a fixed registration is looked up in the allow-list by name before Kryo builds a
 * serializer for it, and refused if it is not there. Reading: a name from the wire is resolved
 * through the {@link AllowList}, never by loading a class.
 */
final class AllowListClassResolver extends DefaultClassResolver {
  private final AllowList allowList;

  /** False while the built-in types are being registered: they must not find an alias. */
  private boolean aliasing;

  AllowListClassResolver(AllowList allowList) {
    this.allowList = allowList;
  }

  /** Called once the built-in types are registered: from now on, aliases apply. */
  void startAliasing() {
    aliasing = true;
  }

  @Override
  @SuppressWarnings("rawtypes") // Kryo declares the raw type
  public Registration getRegistration(Class type) {
    Registration registration = super.getRegistration(type);
    if (registration == null && aliasing) {
      registration = JdkAliases.aliasFor(super::getRegistration, type);
      if (registration != null) {
        classToRegistration.put(type, registration);
      }
    }
    return registration;
  }

  @Override
  @SuppressWarnings({"rawtypes", "unchecked"}) // Kryo declares the raw type
  public Registration registerImplicit(Class type) {
    // Before a serializer is built: Kryo's would reflect on the class (and fail on a JDK class
    // with an error about module access rather than about the allow-list).
    if (!allowList.isAllowed(type)) {
      throw new NotAllowedException(type.getName(), true);
    }
    Serializer serializer =
        allowList.isJavaSerialized(type)
            ? new JavaSerialized<>(allowList, type)
            : kryo.getDefaultSerializer(type);
    long cost = type.isEnum() ? 0 : shallowSize(type);
    if (cost > 0) {
      serializer = new BoundedSerializer(serializer, BoundedSerializer.Cost.fixed(cost));
    }
    return register(new Registration(type, serializer, NAME));
  }

  /**
   * What reading one object of {@code type} allocates: the object (header and fields) and, for a
   * record, the array of components Kryo passes to its constructor (the boxes of primitive
   * components are charged by {@link BoxedSerializer}).
   */
  static long shallowSize(Class<?> type) {
    if (type.isArray()) {
      return 0; // charged per element by the array serializer
    }
    long size = 12;
    int components = 0;
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (Modifier.isStatic(f.getModifiers())) {
          continue;
        }
        Class<?> t = f.getType();
        size +=
            t == long.class || t == double.class
                ? 8
                : t == int.class || t == float.class
                    ? 4
                    : t == short.class || t == char.class
                        ? 2
                        : t == byte.class || t == boolean.class ? 1 : FrameBudget.REF;
        components++;
      }
    }
    size = (size + 7) & ~7L;
    if (type.isRecord()) {
      size += FrameBudget.ARRAY + FrameBudget.REF * components;
    }
    return size;
  }

  @Override
  @SuppressWarnings("rawtypes") // Kryo declares the raw type
  protected void writeName(Output output, Class type, Registration registration) {
    Class<?> actual = registration.getType();
    if (!allowList.isAllowed(actual)) {
      throw new NotAllowedException(actual.getName(), true);
    }
    super.writeName(output, type, registration);
  }

  @Override
  protected Registration readName(Input input) {
    int nameId = input.readVarInt(true);
    if (nameIdToClass == null) {
      nameIdToClass = new IntMap<>();
    }
    Class<?> type = nameIdToClass.get(nameId);
    if (type == null) {
      String className = input.readString();
      type = allowList.lookup(className);
      if (type == null) {
        throw new NotAllowedException(className, false);
      }
      BoundedInput.charge(input, 32); // the name id's entry
      nameIdToClass.put(nameId, type);
    }
    return kryo.getRegistration(type);
  }

  /** A class that is not on the allow-list; turned into a SerializationException by the caller. */
  static final class NotAllowedException extends KryoException {
    private static final long serialVersionUID = 1L;
    final String className;
    final boolean writing;

    NotAllowedException(String className, boolean writing) {
      super(className);
      this.className = className;
      this.writing = writing;
    }
  }
}
