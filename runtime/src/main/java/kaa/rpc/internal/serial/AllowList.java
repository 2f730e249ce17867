package kaa.rpc.internal.serial;

import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The classes that may cross the wire by name, besides the fixed registrations of {@link
 * BuiltinTypes}. A class a peer names is looked up here by its name and is never loaded: a name
 * that is not here is refused.
 *
 * <p>Allowing a class allows, transitively, the types of its fields, record components, array
 * components and permitted subclasses. User classes are written by Kryo's record, enum or field
 * serializer. A JDK class that {@link BuiltinTypes} does not cover passes only if it is {@link
 * java.io.Serializable} and concrete: it is written with Java serialization ({@link
 * JavaSerialized}), whose stream may name only the class itself, its superclasses, its nested
 * classes and what this list allows. Reflection happens only here, when a class is first allowed,
 * never per call.
 */
public final class AllowList {
  private static final AllowList GLOBAL = new AllowList(null);

  private final AllowList parent;
  private final Map<String, Class<?>> byName = new ConcurrentHashMap<>();

  /** JDK classes written with Java serialization, and the JDK names their streams may use. */
  private final Map<String, Class<?>> javaSerialized = new ConcurrentHashMap<>();

  private final Map<String, Class<?>> javaStreamNames = new ConcurrentHashMap<>();

  /** Allowed enums, where the key type of an empty EnumMap is looked for. */
  private final Set<Class<?>> enums = ConcurrentHashMap.newKeySet();

  private AllowList(AllowList parent) {
    this.parent = parent;
  }

  /** The process-wide list that generated code fills. */
  public static AllowList global() {
    return GLOBAL;
  }

  /** A list for one server or client: the global list plus {@code extra} types. */
  public static AllowList forEndpoint(Collection<Class<?>> extra) {
    AllowList list = new AllowList(GLOBAL);
    list.allow(extra.toArray(new Class<?>[0]));
    return list;
  }

  /** Allows {@code types} and what they contain; see the class comment. Thread-safe. */
  public void allow(Class<?>... types) {
    Deque<Type> work = new ArrayDeque<>();
    for (Class<?> type : types) {
      work.add(type);
    }
    while (!work.isEmpty()) {
      visit(work.poll(), work);
    }
  }

  private void visit(Type type, Deque<Type> work) {
    if (type instanceof ParameterizedType) {
      ParameterizedType p = (ParameterizedType) type;
      work.add(p.getRawType());
      for (Type arg : p.getActualTypeArguments()) {
        work.add(arg);
      }
    } else if (type instanceof GenericArrayType) {
      work.add(((GenericArrayType) type).getGenericComponentType());
    } else if (type instanceof WildcardType) {
      for (Type bound : ((WildcardType) type).getUpperBounds()) {
        work.add(bound);
      }
      for (Type bound : ((WildcardType) type).getLowerBounds()) {
        work.add(bound);
      }
    } else if (type instanceof TypeVariable) {
      for (Type bound : ((TypeVariable<?>) type).getBounds()) {
        work.add(bound);
      }
    } else if (type instanceof Class) {
      visitClass((Class<?>) type, work);
    }
  }

  private void visitClass(Class<?> type, Deque<Type> work) {
    if (type.isArray()) {
      work.add(type.getComponentType());
      return;
    }
    if (type.isPrimitive() || byName.containsKey(type.getName())) {
      return;
    }
    if (isJdk(type)) {
      if (type.isEnum() && BuiltinTypes.isBuiltin(type)) {
        enums.add(type);
      } else if (javaSerializable(type) && !BuiltinTypes.covers(type)) {
        allowJavaSerialized(type);
      }
      return;
    }
    byName.put(type.getName(), type);
    if (type.isEnum()) {
      enums.add(type);
    }
    if (type.isRecord()) {
      for (RecordComponent c : type.getRecordComponents()) {
        work.add(c.getGenericType());
      }
      return;
    }
    if (type.isSealed()) {
      for (Class<?> sub : type.getPermittedSubclasses()) {
        work.add(sub);
      }
    }
    if (type.isEnum() || type.isInterface()) {
      return;
    }
    for (Class<?> c = type; c != null && !isJdk(c); c = c.getSuperclass()) {
      if (c != type) {
        byName.putIfAbsent(c.getName(), c);
      }
      for (Field f : c.getDeclaredFields()) {
        int m = f.getModifiers();
        if (!Modifier.isStatic(m) && !Modifier.isTransient(m)) {
          work.add(f.getGenericType());
        }
      }
    }
  }

  /**
   * Throws IllegalArgumentException if {@code type} could never be written; see the class comment.
   */
  public static void checkRegistrable(Class<?> type) {
    Class<?> element = type;
    while (element.isArray()) {
      element = element.getComponentType();
    }
    if (element.isPrimitive() || !isJdk(element) || BuiltinTypes.covers(element)) {
      return;
    }
    if (!javaSerializable(element)) {
      throw new IllegalArgumentException(
          "cannot register "
              + element.getName()
              + ": kaa-rpc has no serializer for this JDK class, and it is "
              + (element.isInterface() || Modifier.isAbstract(element.getModifiers())
                  ? "abstract"
                  : "not java.io.Serializable")
              + "; register a class of yours that holds its state instead");
    }
  }

  private static boolean javaSerializable(Class<?> type) {
    return java.io.Serializable.class.isAssignableFrom(type)
        && !type.isInterface()
        && !Modifier.isAbstract(type.getModifiers())
        && type != Class.class;
  }

  private void allowJavaSerialized(Class<?> type) {
    javaSerialized.put(type.getName(), type);
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      javaStreamNames.put(c.getName(), c);
      for (Class<?> nested : c.getDeclaredClasses()) {
        javaStreamNames.put(nested.getName(), nested);
      }
    }
  }

  /** True if {@code type} is a JDK class written with Java serialization. */
  boolean isJavaSerialized(Class<?> type) {
    return javaSerialized.get(type.getName()) == type
        || (parent != null && parent.isJavaSerialized(type));
  }

  /** A class a Java-serialization stream inside a value may name, or null. Never loads a class. */
  Class<?> lookupForJavaSerialization(String name) {
    Class<?> type = lookup(name);
    if (type == null) {
      type = BuiltinTypes.byName(name);
    }
    if (type == null) {
      type = javaStreamNames.get(name);
    }
    if (type == null && parent != null) {
      type = parent.lookupForJavaSerialization(name);
    }
    return type;
  }

  /**
   * The key enum of an empty {@code map}: the JDK keeps it private, so each allowed enum is tried.
   *
   * @throws NotAllowedException-like KryoException if it is none of them
   */
  @SuppressWarnings({"rawtypes", "unchecked"})
  Class<?> enumKeyTypeOf(EnumMap<?, ?> map) {
    List<Class<?>> candidates = new ArrayList<>(BuiltinTypes.ENUMS);
    for (AllowList list = this; list != null; list = list.parent) {
      candidates.addAll(list.enums);
    }
    {
      for (Class<?> type : candidates) {
        Object[] constants = type.getEnumConstants();
        if (constants.length == 0) {
          continue;
        }
        try {
          new EnumMap(map).put((Enum) constants[0], null);
          return type;
        } catch (ClassCastException wrongType) {
          // try the next enum
        }
      }
    }
    throw new AllowListClassResolver.NotAllowedException("the key enum of an empty EnumMap", true);
  }

  static boolean isJdk(Class<?> type) {
    ClassLoader loader = type.getClassLoader();
    return loader == null || loader == ClassLoader.getPlatformClassLoader();
  }

  /**
   * The allowed class with binary name {@code name} (array names such as {@code [Lp.Point;}
   * included), or null. Never loads a class.
   */
  public Class<?> lookup(String name) {
    int dims = 0;
    while (dims < name.length() && name.charAt(dims) == '[') {
      dims++;
    }
    Class<?> type;
    if (dims == 0) {
      type = lookupPlain(name);
    } else if (name.length() > dims + 2
        && name.charAt(dims) == 'L'
        && name.charAt(name.length() - 1) == ';') {
      String element = name.substring(dims + 1, name.length() - 1);
      type = lookupPlain(element);
      if (type == null) {
        type = BuiltinTypes.byName(element);
      }
      if (type == null && element.equals("java.lang.Object")) {
        type = Object.class; // Object[][] and deeper: arrays of object arrays
      }
    } else if (name.length() == dims + 1) {
      type = primitive(name.charAt(dims));
    } else {
      type = null;
    }
    for (int i = 0; type != null && i < dims; i++) {
      type = type.arrayType();
    }
    return type;
  }

  private Class<?> lookupPlain(String name) {
    Class<?> type = byName.get(name);
    if (type == null) {
      type = javaSerialized.get(name);
    }
    return type == null && parent != null ? parent.lookupPlain(name) : type;
  }

  /** True if values of exactly {@code type} may be written. */
  public boolean isAllowed(Class<?> type) {
    Class<?> element = type;
    while (element.isArray()) {
      element = element.getComponentType();
    }
    if (element.isPrimitive()
        || BuiltinTypes.isBuiltin(element)
        || (element == Object.class && type.isArray())) {
      return true;
    }
    return lookupPlain(element.getName()) == element || isJavaSerialized(element);
  }

  private static Class<?> primitive(char code) {
    switch (code) {
      case 'Z':
        return boolean.class;
      case 'B':
        return byte.class;
      case 'C':
        return char.class;
      case 'S':
        return short.class;
      case 'I':
        return int.class;
      case 'J':
        return long.class;
      case 'F':
        return float.class;
      case 'D':
        return double.class;
      default:
        return null;
    }
  }
}
