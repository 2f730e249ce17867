package kaa.rpc.internal.serial;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.Registration;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The JDK value types and collections every kaa-rpc peer accepts, each with a fixed Kryo
 * registration id. The list and its order are part of the wire protocol (docs/PROTOCOL.md):
 * append only, never reorder.
 */
public final class BuiltinTypes {
  /** The first id of our registrations; Kryo's own (primitives, String) are below it. */
  static final int FIRST_ID = 20;

  /** In wire order: the class at index i has id {@code FIRST_ID + i}. */
  static final List<Class<?>> TYPES =
      List.of(
          byte[].class,
          int[].class,
          long[].class,
          short[].class,
          char[].class,
          float[].class,
          double[].class,
          boolean[].class,
          String[].class,
          Object[].class,
          ArrayList.class,
          LinkedList.class,
          HashMap.class,
          LinkedHashMap.class,
          TreeMap.class,
          HashSet.class,
          LinkedHashSet.class,
          TreeSet.class,
          ArrayDeque.class,
          ConcurrentHashMap.class,
          BigInteger.class,
          BigDecimal.class,
          UUID.class,
          URI.class,
          Date.class,
          Instant.class,
          Duration.class,
          LocalDate.class,
          LocalTime.class,
          LocalDateTime.class,
          OffsetDateTime.class,
          ZonedDateTime.class,
          Period.class,
          Optional.class,
          TimeUnit.class,
          Locale.class,
          // The JDK's immutable and wrapper collections, by their (private) runtime classes.
          List.of().getClass(),
          List.of(1).getClass(),
          Set.of().getClass(),
          Set.of(1).getClass(),
          Map.of().getClass(),
          Map.of(1, 1).getClass(),
          Collections.emptyList().getClass(),
          Collections.emptySet().getClass(),
          Collections.emptyMap().getClass(),
          Collections.singletonList(1).getClass(),
          Collections.singleton(1).getClass(),
          Collections.singletonMap(1, 1).getClass(),
          Arrays.asList(1).getClass());

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
    for (Class<?> type : TYPES) {
      BY_NAME.put(type.getName(), type);
      ELEMENTS.add(type);
    }
  }

  private BuiltinTypes() {}

  /** Registers the built-in types on {@code kryo}, each with its fixed id. */
  static void register(Kryo kryo) {
    for (int i = 0; i < TYPES.size(); i++) {
      com.esotericsoftware.kryo.kryo5.Serializer<?> serializer = JdkSerializers.forType(TYPES.get(i));
      if (serializer != null) {
        kryo.register(TYPES.get(i), serializer, FIRST_ID + i);
      } else {
        kryo.register(TYPES.get(i), FIRST_ID + i);
      }
    }
  }

  /** Built-in types whose serializer allocates as many slots as the peer claims, by header form. */
  private static final List<Class<?>> COUNTED_BY_VARINT =
      List.of(Map.of().getClass(), Map.of(1, 1).getClass()); // object arrays: see KryoSession

  private static final List<Class<?>> COUNTED_BY_VARINT_FLAG =
      List.of(
          ArrayList.class,
          LinkedList.class,
          HashSet.class,
          LinkedHashSet.class,
          TreeSet.class,
          ArrayDeque.class,
          List.of().getClass(),
          List.of(1).getClass(),
          Set.of().getClass(),
          Set.of(1).getClass(),
          Arrays.asList(1).getClass());

  /**
   * Wraps the serializers of the built-in types that allocate by a count the peer sends in a
   * {@link BoundedSerializer}, which checks the count against the frame first.
   */
  @SuppressWarnings({"rawtypes", "unchecked"}) // Kryo registrations are raw
  static void bound(Kryo kryo) {
    for (Class<?> type : COUNTED_BY_VARINT) {
      Registration r = kryo.getRegistration(type);
      r.setSerializer(new BoundedSerializer(r.getSerializer(), BoundedSerializer.Header.VARINT));
    }
    for (Class<?> type : COUNTED_BY_VARINT_FLAG) {
      Registration r = kryo.getRegistration(type);
      r.setSerializer(new BoundedSerializer(r.getSerializer(), BoundedSerializer.Header.VARINT_FLAG));
    }
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
