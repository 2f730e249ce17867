package kaa.rpc.internal.serial;

import com.esotericsoftware.kryo.kryo5.KryoException;
import com.esotericsoftware.kryo.kryo5.Registration;
import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;
import com.esotericsoftware.kryo.kryo5.util.DefaultClassResolver;
import com.esotericsoftware.kryo.kryo5.util.IntMap;

/**
 * Kryo's class resolver with the allow-list in front: a class without a fixed registration is
 * written by name only if it is allowed, and a name read from the wire is resolved through the
 * {@link AllowList}, never by loading a class.
 */
final class AllowListClassResolver extends DefaultClassResolver {
  private final AllowList allowList;

  AllowListClassResolver(AllowList allowList) {
    this.allowList = allowList;
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
