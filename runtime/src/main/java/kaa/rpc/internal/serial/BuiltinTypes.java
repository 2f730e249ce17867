package kaa.rpc.internal.serial;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.Registration;
import com.esotericsoftware.kryo.kryo5.Serializer;
import com.esotericsoftware.kryo.kryo5.serializers.OptionalSerializers;
import com.esotericsoftware.kryo.kryo5.serializers.TimeSerializers;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.AbstractMap;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Currency;
import java.util.Date;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.PriorityQueue;
import java.util.Properties;
import java.util.Queue;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.Stack;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.Vector;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import kaa.rpc.internal.serial.BoundedSerializer.Cost;
import kaa.rpc.internal.serial.CollectionSerializers.Converted;
import kaa.rpc.internal.serial.CollectionSerializers.MapOf;
import kaa.rpc.internal.serial.CollectionSerializers.Of;
import kaa.rpc.internal.serial.CollectionSerializers.Sorted;
import kaa.rpc.internal.serial.CollectionSerializers.SortedCollection;

/**
 * The rules of what crosses the wire, as one table a reader can check.
 *
 * <p><b>Registered JDK classes</b> ({@link #RULES}): each has a fixed Kryo id (its index plus
 * {@link #FIRST_ID}), a serializer (null: ours from {@link JdkSerializers}, else Kryo's default for
 * the class) and the {@link Cost} its decoding is charged to the frame's {@link FrameBudget}. The
 * list and its order are part of the wire protocol (docs/PROTOCOL.md §6.2): append only, never
 * reorder. Each arrives as its own class.
 *
 * <p><b>Other JDK collections, maps and entries</b> ({@link #ALIASES}): a view, wrapper or
 * implementation without its own id (a {@code subList}, {@code unmodifiable*}, {@code
 * synchronized*}, {@code checked*}, {@code HashMap.values()} / {@code keySet()} / {@code
 * entrySet()}, a {@code TreeMap.descendingMap()}, a {@code WeakHashMap}, ...) is written in the
 * wire form of the first alias target it is an instance of, and arrives as that class, equal to
 * what was sent as far as its interface defines equality.
 *
 * <p><b>Everything else</b> passes only through the {@link AllowList} (user classes named in
 * signatures or registered, and the Serializable JDK classes among them); any other class is
 * refused by name, before a serializer is built for it.
 */
public final class BuiltinTypes {
  /** The first id of our registrations; Kryo's own (primitives, String) are below it. */
  static final int FIRST_ID = 20;

  /** One registered JDK class: how it is serialized and what its decoding is charged. */
  record Rule(Class<?> type, Function<AllowList, Serializer<?>> serializer, Cost cost) {}

  private static final long O = FrameBudget.OBJECT;
  private static final long R = FrameBudget.REF;

  private static Rule rule(Class<?> type, Cost cost) {
    return new Rule(type, null, cost);
  }

  private static Rule rule(Class<?> type, Serializer<?> serializer, Cost cost) {
    return new Rule(type, allowList -> serializer, cost);
  }

  private static Cost fixed(long bytes) {
    return Cost.fixed(bytes);
  }

  private static Cost collection(long fixed, long perElement) {
    return Cost.collection(fixed, perElement);
  }

  private static Cost map(long fixed, long perEntry) {
    return Cost.map(fixed, perEntry);
  }

  /** Object arrays: their slots; primitive arrays are charged by {@link BoundedInput}. */
  static final Cost OBJECT_ARRAY = map(FrameBudget.ARRAY, R);

  /** Hash tables: node, table slots (grown to 2x), boxed hash. */
  private static final long HASHED = 64;

  /** In wire order: the class at index i has id {@code FIRST_ID + i}. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  static final List<Rule> RULES =
      List.of(
          rule(byte[].class, fixed(0)),
          rule(int[].class, fixed(0)),
          rule(long[].class, fixed(0)),
          rule(short[].class, fixed(0)),
          rule(char[].class, fixed(0)),
          rule(float[].class, fixed(0)),
          rule(double[].class, fixed(0)),
          rule(boolean[].class, fixed(0)),
          rule(String[].class, OBJECT_ARRAY),
          rule(Object[].class, OBJECT_ARRAY),
          rule(ArrayList.class, collection(40, R)),
          rule(LinkedList.class, collection(32, 24)),
          rule(HashMap.class, map(64, HASHED)),
          rule(LinkedHashMap.class, map(64, HASHED + 8)),
          rule(TreeMap.class, new Sorted(CollectionSerializers::treeMap), map(64, 48)),
          rule(HashSet.class, collection(80, HASHED)),
          rule(LinkedHashSet.class, collection(80, HASHED + 8)),
          rule(
              TreeSet.class,
              SortedCollection.sortedSet(CollectionSerializers::treeSet),
              collection(80, 48)),
          rule(ArrayDeque.class, collection(40, 4 * R)),
          rule(ConcurrentHashMap.class, map(80, HASHED + 8)),
          rule(BigInteger.class, map(72, 2)),
          rule(BigDecimal.class, map(128, 2)),
          rule(UUID.class, fixed(32)),
          rule(URI.class, fixed(0)), // charged by its serializer
          rule(Date.class, fixed(24)),
          rule(Instant.class, fixed(24)),
          rule(Duration.class, fixed(24)),
          rule(LocalDate.class, fixed(24)),
          rule(LocalTime.class, fixed(24)),
          rule(LocalDateTime.class, fixed(72)),
          rule(OffsetDateTime.class, fixed(120)),
          rule(ZonedDateTime.class, fixed(256)),
          rule(Period.class, fixed(24)),
          rule(Optional.class, fixed(O)),
          rule(TimeUnit.class, fixed(0)),
          rule(Locale.class, fixed(0)), // charged by its serializer
          // The JDK's immutable and wrapper collections, by their (private) runtime classes.
          rule(List.of().getClass(), CollectionSerializers.immutableList(), collection(80, 3 * R)),
          rule(List.of(1).getClass(), CollectionSerializers.immutableList(), collection(80, 3 * R)),
          rule(Set.of().getClass(), collection(120, HASHED + 3 * R)),
          rule(Set.of(1).getClass(), collection(120, HASHED + 3 * R)),
          rule(Map.of().getClass(), map(120, HASHED + 4 * R)),
          rule(Map.of(1, 1).getClass(), map(120, HASHED + 4 * R)),
          rule(Collections.emptyList().getClass(), fixed(0)),
          rule(Collections.emptySet().getClass(), fixed(0)),
          rule(Collections.emptyMap().getClass(), fixed(0)),
          rule(Collections.singletonList(1).getClass(), fixed(O)),
          rule(Collections.singleton(1).getClass(), fixed(O)),
          rule(Collections.singletonMap(1, 1).getClass(), fixed(2 * O)),
          rule(Arrays.asList(1).getClass(), collection(64, 2 * R)),
          // Added in the second release (SPEC §6): append only.
          rule(EnumSet.class, fixed(64)), // Kryo's: the enum class, then the ordinals
          new Rule(
              EnumMap.class,
              CollectionSerializers.EnumMapSerializer::new,
              fixed(0)), // charged by its serializer
          rule(
              CopyOnWriteArrayList.class,
              new Converted(CopyOnWriteArrayList::new),
              collection(64, 2 * R)),
          rule(
              CopyOnWriteArraySet.class,
              new Converted(CollectionSerializers::copyOnWriteArraySet),
              collection(64, 2 * R)),
          rule(
              PriorityQueue.class,
              new SortedCollection(
                  c -> ((PriorityQueue) c).comparator(),
                  (size, cmp) -> new PriorityQueue(Math.max(1, size), cmp)),
              collection(48, R)),
          rule(
              PriorityBlockingQueue.class,
              new SortedCollection(
                  c -> ((PriorityBlockingQueue) c).comparator(),
                  (size, cmp) -> new PriorityBlockingQueue(Math.max(1, size), cmp)),
              collection(96, R)),
          rule(
              ConcurrentSkipListSet.class,
              SortedCollection.sortedSet(ConcurrentSkipListSet::new),
              collection(96, 64)),
          rule(ConcurrentSkipListMap.class, new Sorted(ConcurrentSkipListMap::new), map(96, 64)),
          rule(Vector.class, new Of(Vector::new), collection(48, R)),
          rule(
              Stack.class,
              new Of(CollectionSerializers.unsized(Stack::new)),
              collection(48, 3 * R)),
          rule(Hashtable.class, new MapOf(Hashtable::new), map(64, HASHED)),
          rule(Properties.class, new MapOf(size -> new Properties()), map(128, HASHED)),
          rule(IdentityHashMap.class, new MapOf(IdentityHashMap::new), map(64, 4 * R)),
          rule(
              ConcurrentLinkedQueue.class,
              new Of(CollectionSerializers.unsized(ConcurrentLinkedQueue::new)),
              collection(48, 32)),
          rule(
              ConcurrentLinkedDeque.class,
              new Of(CollectionSerializers.unsized(ConcurrentLinkedDeque::new)),
              collection(48, 32)),
          rule(
              LinkedBlockingQueue.class,
              new Of(CollectionSerializers.unsized(LinkedBlockingQueue::new)),
              collection(128, 32)),
          rule(
              LinkedBlockingDeque.class,
              new Of(CollectionSerializers.unsized(LinkedBlockingDeque::new)),
              collection(128, 32)),
          rule(
              AbstractMap.SimpleEntry.class,
              new CollectionSerializers.EntrySerializer(true),
              fixed(24)),
          rule(
              AbstractMap.SimpleImmutableEntry.class,
              new CollectionSerializers.EntrySerializer(false),
              fixed(24)),
          rule(
              Collections.reverseOrder().getClass(),
              new CollectionSerializers.ConstantComparator(Collections.reverseOrder()),
              fixed(0)),
          rule(
              Collections.reverseOrder(String.CASE_INSENSITIVE_ORDER).getClass(),
              new CollectionSerializers.ReversedComparator(),
              fixed(O)),
          rule(
              Comparator.naturalOrder().getClass(),
              new CollectionSerializers.ConstantComparator(Comparator.naturalOrder()),
              fixed(0)),
          rule(
              String.CASE_INSENSITIVE_ORDER.getClass(),
              new CollectionSerializers.ConstantComparator(String.CASE_INSENSITIVE_ORDER),
              fixed(0)),
          rule(ZoneOffset.class, new TimeSerializers.ZoneOffsetSerializer(), fixed(64)),
          rule(
              ZoneId.of("Europe/Paris").getClass(),
              new TimeSerializers.ZoneIdSerializer(),
              fixed(128)),
          rule(Year.class, new TimeSerializers.YearSerializer(), fixed(O)),
          rule(YearMonth.class, new TimeSerializers.YearMonthSerializer(), fixed(24)),
          rule(MonthDay.class, new TimeSerializers.MonthDaySerializer(), fixed(24)),
          rule(OffsetTime.class, new TimeSerializers.OffsetTimeSerializer(), fixed(64)),
          rule(DayOfWeek.class, fixed(0)),
          rule(Month.class, fixed(0)),
          rule(ChronoUnit.class, fixed(0)),
          rule(OptionalInt.class, new OptionalSerializers.OptionalIntSerializer(), fixed(24)),
          rule(OptionalLong.class, new OptionalSerializers.OptionalLongSerializer(), fixed(24)),
          rule(OptionalDouble.class, new OptionalSerializers.OptionalDoubleSerializer(), fixed(24)),
          rule(Currency.class, fixed(0)), // Currency.getInstance: one instance per code
          rule(BitSet.class, fixed(48))); // the long[] is charged by BoundedInput

  /** JDK enums with their own id: where the key type of an empty EnumMap is looked for too. */
  static final List<Class<?>> ENUMS =
      List.of(TimeUnit.class, DayOfWeek.class, Month.class, ChronoUnit.class);

  /**
   * Where JDK collections, maps and entries without an id of their own are written, in order: the
   * first class a value is an instance of gives the id (and wire form) it is written with.
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
    for (Rule rule : RULES) {
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
    for (int i = 0; i < RULES.size(); i++) {
      Rule rule = RULES.get(i);
      Serializer<?> serializer =
          rule.serializer() != null
              ? rule.serializer().apply(allowList)
              : JdkSerializers.forType(rule.type());
      Registration r =
          serializer != null
              ? kryo.register(rule.type(), serializer, FIRST_ID + i)
              : kryo.register(rule.type(), FIRST_ID + i);
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

  /**
   * The registration to write a JDK {@code type} with when it has none of its own: its alias's (see
   * {@link #ALIASES}), or null.
   */
  static Registration aliasFor(Function<Class<?>, Registration> registered, Class<?> type) {
    if (!AllowList.isJdk(type) || type.isArray()) {
      return null;
    }
    if (EnumSet.class.isAssignableFrom(type)) {
      return registered.apply(EnumSet.class);
    }
    for (Map.Entry<Class<?>, Class<?>> alias : ALIASES) {
      if (alias.getKey().isAssignableFrom(type)) {
        Registration target = registered.apply(alias.getValue());
        return target == null || target.getType() == type
            ? null // still registering the built-in types
            : new Registration(type, target.getSerializer(), target.getId());
      }
    }
    return null;
  }

  /** True if {@code type} is written without the allow-list: registered or aliased. */
  static boolean covers(Class<?> type) {
    if (isBuiltin(type) || EnumSet.class.isAssignableFrom(type)) {
      return true;
    }
    if (!AllowList.isJdk(type)) {
      return false;
    }
    for (Map.Entry<Class<?>, Class<?>> alias : ALIASES) {
      if (alias.getKey().isAssignableFrom(type)) {
        return true;
      }
    }
    return false;
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
