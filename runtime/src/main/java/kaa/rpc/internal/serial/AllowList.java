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
import java.util.Collection;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The user classes that may cross the wire, by binary name. A class a peer names is looked up here
 * by its name and is never loaded: a name that is not here is refused. JDK value types and
 * collections are not here; they have fixed registrations ({@link BuiltinTypes}).
 *
 * <p>Allowing a class allows, transitively, the types of its fields, record components, array
 * components and permitted subclasses, as far as they are user classes. Reflection happens only
 * here, when a class is first allowed, never per call.
 */
public final class AllowList {
  private static final AllowList GLOBAL = new AllowList(null);

  private final AllowList parent;
  private final Map<String, Class<?>> byName = new ConcurrentHashMap<>();

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
    if (type.isPrimitive() || isJdk(type) || byName.containsKey(type.getName())) {
      return;
    }
    byName.put(type.getName(), type);
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

  private static boolean isJdk(Class<?> type) {
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
    return type == null && parent != null ? parent.lookupPlain(name) : type;
  }

  /** True if values of exactly {@code type} may be written. */
  public boolean isAllowed(Class<?> type) {
    Class<?> element = type;
    while (element.isArray()) {
      element = element.getComponentType();
    }
    if (element.isPrimitive() || BuiltinTypes.isBuiltin(element)) {
      return true;
    }
    return lookupPlain(element.getName()) == element;
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
