package kaa.rpc.internal.serial;

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
import java.util.Set;
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
 * The JDK classes that have a fixed Kryo id, in wire order: the class at index i of {@link #RULES}
 * has id {@link #FIRST_ID} + i. Each comes with its serializer (null: ours from {@link
 * JdkSerializers}, else Kryo's default for the class) and the {@link Cost} its decoding is charged
 * to the frame's {@link FrameBudget}, and arrives as its own class.
 *
 * <p>The list and its order are part of the wire protocol (docs/PROTOCOL.md §6.2): append only,
 * never reorder. {@link BuiltinTypes} registers it on each Kryo.
 */
final class RegisteredTypes {
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

  private RegisteredTypes() {}
}
