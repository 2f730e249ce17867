package kaa.rpc.internal.serial;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.KryoException;
import com.esotericsoftware.kryo.kryo5.Registration;
import com.esotericsoftware.kryo.kryo5.Serializer;
import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;
import com.esotericsoftware.kryo.kryo5.serializers.CollectionSerializer;
import com.esotericsoftware.kryo.kryo5.serializers.MapSerializer;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Serializers for JDK collections, maps, entries and comparators that Kryo has none for, or whose
 * Kryo serializer accepts only the exact class (so cannot write a view or a wrapper in the same
 * wire form). Each reads into a fresh instance of a public JDK class.
 */
final class CollectionSerializers {
  private CollectionSerializers() {}

  /** A collection read into {@code create.apply(size)}; writes any collection. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  static final class Of extends CollectionSerializer<Collection> {
    private final IntFunction<Collection> create;

    Of(IntFunction<Collection> create) {
      this.create = create;
    }

    @Override
    protected Collection create(
        Kryo kryo, Input input, Class<? extends Collection> type, int size) {
      return create.apply(size);
    }
  }

  /**
   * A collection read into an {@link ArrayList} and then converted at once: for classes that copy
   * on each insertion (CopyOnWrite*) and for the JDK's immutable lists.
   */
  @SuppressWarnings({"rawtypes", "unchecked"})
  static final class Converted extends CollectionSerializer<Collection> {
    private final Function<List, Collection> convert;

    Converted(Function<List, Collection> convert) {
      this.convert = convert;
    }

    @Override
    protected Collection create(
        Kryo kryo, Input input, Class<? extends Collection> type, int size) {
      return new ArrayList(size);
    }

    @Override
    public Collection read(Kryo kryo, Input input, Class<? extends Collection> type) {
      Collection read = super.read(kryo, input, type);
      return read == null ? null : convert.apply((List) read);
    }
  }

  /** {@code List.of(...)}, {@code List.copyOf}, {@code Stream.toList()} (which may hold nulls). */
  @SuppressWarnings({"rawtypes", "unchecked"})
  static Converted immutableList() {
    return new Converted(
        list -> list.contains(null) ? Collections.unmodifiableList(list) : List.copyOf(list));
  }

  /** Most elements a CopyOnWriteArraySet may arrive with: its constructor is quadratic. */
  static final int MAX_COPY_ON_WRITE_SET = 16_384;

  /** A CopyOnWriteArraySet of {@code list}, refused when so large it would take seconds. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  static Collection copyOnWriteArraySet(List list) {
    if (list.size() > MAX_COPY_ON_WRITE_SET) {
      throw new KryoException(
          "a CopyOnWriteArraySet of "
              + list.size()
              + " elements is refused: more than "
              + MAX_COPY_ON_WRITE_SET
              + " take quadratic time to build; send a LinkedHashSet");
    }
    return new java.util.concurrent.CopyOnWriteArraySet(list);
  }

  /** A map read into {@code create.get()}; writes any map. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  static final class MapOf extends MapSerializer<Map> {
    private final IntFunction<Map> create;

    MapOf(IntFunction<Map> create) {
      this.create = create;
    }

    @Override
    protected Map create(Kryo kryo, Input input, Class<? extends Map> type, int size) {
      return create.apply(size);
    }
  }

  /** Any sorted map, with its comparator, read as a {@link TreeMap} (or {@code create}). */
  @SuppressWarnings({"rawtypes", "unchecked"})
  static final class Sorted extends MapSerializer<Map> {
    private final Function<Comparator, Map> create;

    Sorted(Function<Comparator, Map> create) {
      this.create = create;
    }

    @Override
    protected void writeHeader(Kryo kryo, Output output, Map map) {
      kryo.writeClassAndObject(output, ((SortedMap) map).comparator());
    }

    @Override
    protected Map create(Kryo kryo, Input input, Class<? extends Map> type, int size) {
      return create.apply(comparator(kryo.readClassAndObject(input)));
    }
  }

  /** Any sorted set or priority queue, with its comparator. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  static final class SortedCollection extends CollectionSerializer<Collection> {
    private final Function<Collection, Comparator> comparatorOf;
    private final SizedWithComparator create;

    interface SizedWithComparator {
      Collection create(int size, Comparator comparator);
    }

    SortedCollection(Function<Collection, Comparator> comparatorOf, SizedWithComparator create) {
      this.comparatorOf = comparatorOf;
      this.create = create;
    }

    /** Sorted sets: TreeSet's wire form. */
    static SortedCollection sortedSet(Function<Comparator, Collection> create) {
      return new SortedCollection(
          c -> ((SortedSet) c).comparator(), (size, comparator) -> create.apply(comparator));
    }

    @Override
    protected void writeHeader(Kryo kryo, Output output, Collection collection) {
      kryo.writeClassAndObject(output, comparatorOf.apply(collection));
    }

    @Override
    protected Collection create(
        Kryo kryo, Input input, Class<? extends Collection> type, int size) {
      return create.create(size, comparator(kryo.readClassAndObject(input)));
    }
  }

  private static Comparator<?> comparator(Object read) {
    if (read != null && !(read instanceof Comparator)) {
      throw new KryoException("a " + read.getClass().getName() + " is not a comparator");
    }
    return (Comparator<?>) read;
  }

  /**
   * An {@link EnumMap}: the key enum class, a varint count, then per entry the key's ordinal
   * (varint) and the value (with its class). The key class of an empty map is not public: it is
   * found among the allowed enums.
   */
  @SuppressWarnings({"rawtypes", "unchecked"})
  static final class EnumMapSerializer extends Serializer<EnumMap> {
    private final AllowList allowList;

    EnumMapSerializer(AllowList allowList) {
      this.allowList = allowList;
    }

    @Override
    public void write(Kryo kryo, Output output, EnumMap map) {
      Class<?> keyType =
          map.isEmpty()
              ? allowList.enumKeyTypeOf(map)
              : ((Enum<?>) map.keySet().iterator().next()).getDeclaringClass();
      kryo.writeClass(output, keyType);
      output.writeVarInt(map.size(), true);
      for (Object o : map.entrySet()) {
        Map.Entry e = (Map.Entry) o;
        output.writeVarInt(((Enum<?>) e.getKey()).ordinal(), true);
        kryo.writeClassAndObject(output, e.getValue());
      }
    }

    @Override
    public EnumMap read(Kryo kryo, Input input, Class<? extends EnumMap> type) {
      Registration registration = kryo.readClass(input);
      if (registration == null || !registration.getType().isEnum()) {
        throw new KryoException("the key type of an EnumMap is not an enum");
      }
      Class keyType = registration.getType();
      Object[] constants = keyType.getEnumConstants();
      BoundedInput.charge(
          input, FrameBudget.OBJECT * 3 + FrameBudget.ARRAY + FrameBudget.REF * constants.length);
      EnumMap map = new EnumMap(keyType);
      int size = input.readVarInt(true);
      if (size < 0 || size > constants.length) {
        throw new KryoException("EnumMap of " + keyType.getName() + " claims " + size + " keys");
      }
      for (int i = 0; i < size; i++) {
        int ordinal = input.readVarInt(true);
        if (ordinal < 0 || ordinal >= constants.length) {
          throw new KryoException("no constant " + ordinal + " in " + keyType.getName());
        }
        map.put((Enum) constants[ordinal], kryo.readClassAndObject(input));
      }
      return map;
    }
  }

  /** Any map entry: key and value (with their classes); read as {@code create}. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  static final class EntrySerializer extends Serializer<Map.Entry> {
    private final boolean mutable;

    EntrySerializer(boolean mutable) {
      this.mutable = mutable;
    }

    @Override
    public void write(Kryo kryo, Output output, Map.Entry entry) {
      kryo.writeClassAndObject(output, entry.getKey());
      kryo.writeClassAndObject(output, entry.getValue());
    }

    @Override
    public Map.Entry read(Kryo kryo, Input input, Class<? extends Map.Entry> type) {
      Object key = kryo.readClassAndObject(input);
      Object value = kryo.readClassAndObject(input);
      return mutable
          ? new AbstractMap.SimpleEntry(key, value)
          : new AbstractMap.SimpleImmutableEntry(key, value);
    }
  }

  /** A JDK comparator that is a constant: nothing on the wire. */
  @SuppressWarnings("rawtypes")
  static final class ConstantComparator extends Serializer<Comparator> {
    private final Comparator<?> value;

    ConstantComparator(Comparator<?> value) {
      super(false, true);
      this.value = value;
    }

    @Override
    public void write(Kryo kryo, Output output, Comparator object) {}

    @Override
    public Comparator read(Kryo kryo, Input input, Class<? extends Comparator> type) {
      return value;
    }
  }

  /** {@code Collections.reverseOrder(c)}: the comparator it reverses (with its class). */
  @SuppressWarnings({"rawtypes", "unchecked"})
  static final class ReversedComparator extends Serializer<Comparator> {
    ReversedComparator() {
      super(false, true);
    }

    @Override
    public void write(Kryo kryo, Output output, Comparator object) {
      kryo.writeClassAndObject(output, object.reversed()); // reversing it again gives it back
    }

    @Override
    public Comparator read(Kryo kryo, Input input, Class<? extends Comparator> type) {
      return Collections.reverseOrder((Comparator) comparator(kryo.readClassAndObject(input)));
    }
  }

  /** Makes a TreeSet with {@code comparator}. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  static Collection treeSet(Comparator comparator) {
    return new TreeSet(comparator);
  }

  /** Makes a TreeMap with {@code comparator}. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  static Map treeMap(Comparator comparator) {
    return new TreeMap(comparator);
  }

  /** A supplier as a sized factory that ignores the size. */
  @SuppressWarnings("rawtypes")
  static IntFunction<Collection> unsized(Supplier<Collection> supplier) {
    return size -> supplier.get();
  }
}
