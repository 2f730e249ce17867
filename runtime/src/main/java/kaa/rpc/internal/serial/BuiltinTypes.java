package kaa.rpc.internal.serial;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.Registration;
import com.esotericsoftware.kryo.kryo5.Serializer;
import java.time.DayOfWeek;
import java.time.Month;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import kaa.rpc.internal.serial.BoundedSerializer.Cost;
import kaa.rpc.internal.serial.RegisteredTypes.Rule;

/**
 * What crosses the wire without the allow-list, and how it is registered on a Kryo.
 *
 * <p><b>Registered JDK classes</b> ({@link RegisteredTypes}): each has a fixed Kryo id, a
 * serializer and the {@link Cost} its decoding is charged; each arrives as its own class.
 *
 * <p><b>Other JDK collections, maps and entries</b> ({@link JdkAliases}): a view, wrapper or
 * implementation without its own id is written in the wire form of a registered class and arrives
 * as that class.
 *
 * <p><b>Everything else</b> passes only through the {@link AllowList} (user classes named in
 * signatures or registered, and the Serializable JDK classes among them); any other class is
 * refused by name, before a serializer is built for it.
 */
public final class BuiltinTypes {
  /** JDK enums with their own id: where the key type of an empty EnumMap is looked for too. */
  static final List<Class<?>> ENUMS =
      List.of(TimeUnit.class, DayOfWeek.class, Month.class, ChronoUnit.class);

  private static final Map<String, Class<?>> BY_NAME = new HashMap<>();
  private static final Set<Class<?>> ELEMENTS = new HashSet<>();

  static {
    List<Class<?>> kryoDefaults =
        List.of(
            String.class,
            Integer.class,
            Long.class,
            Short.class,
            Byte.class,
            Character.class,
            Boolean.class,
            Float.class,
            Double.class,
            Void.class);
    for (Class<?> type : kryoDefaults) {
      BY_NAME.put(type.getName(), type);
      ELEMENTS.add(type);
    }
    for (Rule rule : RegisteredTypes.RULES) {
      BY_NAME.put(rule.type().getName(), rule.type());
      ELEMENTS.add(rule.type());
    }
  }

  private BuiltinTypes() {}

  /**
   * Registers the built-in types on {@code kryo}, each with its fixed id and its serializer wrapped
   * in a {@link BoundedSerializer} charging its {@link Cost}.
   */
  @SuppressWarnings({"rawtypes", "unchecked"})
  static void register(Kryo kryo, AllowList allowList) {
    List<Rule> rules = RegisteredTypes.RULES;
    for (int i = 0; i < rules.size(); i++) {
      Rule rule = rules.get(i);
      Serializer<?> serializer =
          rule.serializer() != null
              ? rule.serializer().apply(allowList)
              : JdkSerializers.forType(rule.type());
      int id = RegisteredTypes.FIRST_ID + i;
      Registration r =
          serializer != null
              ? kryo.register(rule.type(), serializer, id)
              : kryo.register(rule.type(), id);
      Cost cost = rule.cost();
      if ((cost.fixed() != 0 || cost.perElement() != 0)
          && !(r.getSerializer() instanceof BoundedSerializer)) { // arrays: bounded by default
        r.setSerializer(new BoundedSerializer(r.getSerializer(), cost));
      }
    }
    for (Class<?> boxed :
        List.of(
            Integer.class, Long.class, Short.class, Character.class, Float.class, Double.class)) {
      Registration r = kryo.getRegistration(boxed);
      r.setSerializer(new BoxedSerializer(r.getSerializer()));
    }
  }

  /** True if {@code type} is written without the allow-list: registered or aliased. */
  static boolean covers(Class<?> type) {
    return isBuiltin(type) || JdkAliases.covers(type);
  }

  /** True if {@code type} is a built-in type (or String, a boxed primitive). */
  static boolean isBuiltin(Class<?> type) {
    return ELEMENTS.contains(type);
  }

  /** The built-in type of binary name {@code name}, or null. */
  static Class<?> byName(String name) {
    return BY_NAME.get(name);
  }
}
