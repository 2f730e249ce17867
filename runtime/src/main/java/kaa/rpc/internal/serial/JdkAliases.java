package kaa.rpc.internal.serial;

import com.esotericsoftware.kryo.kryo5.Registration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Where a JDK collection, map or entry without an id of its own is written: a view, wrapper or
 * implementation (a {@code subList}, {@code unmodifiable*}, {@code synchronized*}, {@code
 * checked*}, {@code HashMap.values()} / {@code keySet()} / {@code entrySet()}, a {@code
 * TreeMap.descendingMap()}, a {@code WeakHashMap}, ...) takes the wire form of the first alias
 * target of {@link #ALIASES} it is an instance of, and arrives as that class, equal to what was
 * sent as far as its interface defines equality. An {@code EnumSet} of any implementation class
 * (regular, jumbo) is written as {@code EnumSet}.
 */
final class JdkAliases {
  /**
   * The aliases in order: the first interface a value is an instance of gives the registered class
   * (and so the id and wire form) it is written with.
   */
  static final List<Map.Entry<Class<?>, Class<?>>> ALIASES =
      List.of(
          Map.entry(Map.Entry.class, AbstractMap.SimpleImmutableEntry.class),
          Map.entry(SortedMap.class, TreeMap.class),
          Map.entry(Map.class, LinkedHashMap.class),
          Map.entry(SortedSet.class, TreeSet.class),
          Map.entry(Set.class, LinkedHashSet.class),
          Map.entry(List.class, ArrayList.class),
          Map.entry(Queue.class, LinkedList.class),
          Map.entry(Collection.class, ArrayList.class));

  private JdkAliases() {}

  /**
   * The registration to write a JDK {@code type} with when it has none of its own: its alias's, or
   * null (not a JDK collection, map or entry; or the alias target is not registered yet).
   */
  static Registration aliasFor(Function<Class<?>, Registration> registered, Class<?> type) {
    if (!AllowList.isJdk(type) || type.isArray()) {
      return null;
    }
    if (EnumSet.class.isAssignableFrom(type)) {
      return registered.apply(EnumSet.class);
    }
    Class<?> target = targetOf(type);
    if (target == null) {
      return null;
    }
    Registration registration = registered.apply(target);
    return registration == null || registration.getType() == type
        ? null // still registering the built-in types
        : new Registration(type, registration.getSerializer(), registration.getId());
  }

  /** True if {@code type} is a JDK class written in the wire form of an alias target. */
  static boolean covers(Class<?> type) {
    return AllowList.isJdk(type)
        && (EnumSet.class.isAssignableFrom(type) || targetOf(type) != null);
  }

  /** The first alias target {@code type} is an instance of, or null. */
  private static Class<?> targetOf(Class<?> type) {
    for (Map.Entry<Class<?>, Class<?>> alias : ALIASES) {
      if (alias.getKey().isAssignableFrom(type)) {
        return alias.getValue();
      }
    }
    return null;
  }
}
