package kaa.rpc.internal.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.kryo5.Kryo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The registered classes are the wire protocol's table (docs/PROTOCOL.md §6.2), id for id, and the
 * classes without an id of their own are written as their alias.
 */
class BuiltinTypesTest {
  private static final Pattern ROW = Pattern.compile("^\\| (\\d+) \\| `[0-9a-f]{2}` \\| `([^`]+)`");

  @Test
  void everyRegisteredClassHasTheIdTheProtocolTableGivesIt() throws Exception {
    Map<Integer, String> table = new TreeMap<>();
    for (String line : Files.readAllLines(Path.of("../docs/PROTOCOL.md"))) {
      Matcher row = ROW.matcher(line);
      if (row.find() && Integer.parseInt(row.group(1)) >= RegisteredTypes.FIRST_ID) {
        table.put(Integer.parseInt(row.group(1)), row.group(2));
      }
    }
    Kryo kryo = new Kryo();
    BuiltinTypes.register(kryo, AllowList.global());
    Map<Integer, String> registered = new TreeMap<>();
    for (RegisteredTypes.Rule rule : RegisteredTypes.RULES) {
      registered.put(kryo.getRegistration(rule.type()).getId(), nameInTable(rule.type()));
    }
    assertEquals(table, registered);
  }

  @Test
  void jdkViewsAndWrappersAreWrittenAsTheirAlias() {
    Kryo kryo = new Kryo();
    BuiltinTypes.register(kryo, AllowList.global());
    assertAlias(kryo, List.of(1, 2, 3).subList(0, 2), ArrayList.class);
    assertAlias(kryo, Collections.unmodifiableSortedMap(new TreeMap<>()), TreeMap.class);
    assertAlias(kryo, Collections.unmodifiableMap(new TreeMap<>()), java.util.LinkedHashMap.class);
    assertAlias(kryo, Collections.unmodifiableSortedSet(new TreeSet<>(List.of(1))), TreeSet.class);
    assertAlias(kryo, Map.entry(1, 2), java.util.AbstractMap.SimpleImmutableEntry.class);
    assertAlias(kryo, EnumSet.allOf(TimeUnit.class), EnumSet.class);
    assertTrue(BuiltinTypes.covers(new java.util.WeakHashMap<>().getClass()));
    assertFalse(BuiltinTypes.covers(Thread.class));
    assertEquals(
        null, JdkAliases.aliasFor(kryo::getRegistration, StringBuilder.class), "not a collection");
  }

  private static void assertAlias(Kryo kryo, Object value, Class<?> target) {
    assertEquals(
        kryo.getRegistration(target).getId(),
        JdkAliases.aliasFor(kryo::getRegistration, value.getClass()).getId(),
        value.getClass().getName());
  }

  /** The class as the protocol table names it: without its package. */
  private static String nameInTable(Class<?> type) {
    if (type.isArray()) {
      return type.getSimpleName();
    }
    String name = type.getName();
    return name.substring(name.lastIndexOf('.') + 1);
  }
}
