package kaa.rpc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** JSON arguments converted to what the declared parameter types need. */
class ArgumentConverterTest {

  private static Object convert(String json, String type) {
    try {
      JsonNode node = CommandLine.parse("call", "a", "f", json).positional().get(0);
      return ArgumentConverter.convert(node, JavaType.parse(type));
    } catch (CliException e) {
      throw new AssertionError(e);
    }
  }

  private static String refusal(String json, String type) {
    return assertThrows(IllegalArgumentException.class, () -> convert(json, type)).getMessage();
  }

  @Test
  void integersBecomeTheDeclaredPrimitiveOrBox() {
    assertEquals(7, convert("7", "int"));
    assertEquals(7L, convert("7", "long"));
    assertEquals((short) 7, convert("7", "java.lang.Short"));
    assertEquals((byte) -7, convert("-7", "byte"));
    assertEquals(7.0, convert("7", "double"));
    assertEquals(7.5f, convert("7.5", "float"));
    assertEquals(3, convert("3.0", "int"));
    assertEquals(
        new BigInteger("123456789012345678901"),
        convert("123456789012345678901", "java.math.BigInteger"));
    assertEquals(new BigDecimal("1.50"), convert("1.50", "java.math.BigDecimal"));
  }

  @Test
  void numbersThatDoNotFitAreRefused() {
    assertEquals("1.5 does not fit int", refusal("1.5", "int"));
    assertEquals("128 is out of range for byte", refusal("128", "byte"));
    assertEquals("\"1\" does not fit long", refusal("\"1\"", "long"));
    assertEquals("null does not fit int", refusal("null", "int"));
  }

  @Test
  void otherScalars() {
    assertEquals(true, convert("true", "boolean"));
    assertEquals('x', convert("\"x\"", "char"));
    assertEquals("hi", convert("\"hi\"", "String"));
    assertEquals(null, convert("null", "java.lang.Integer"));
    refusal("5", "java.lang.String");
    refusal("\"xy\"", "char");
    refusal("1", "boolean");
  }

  @Test
  void stringsBecomeJdkValueTypes() {
    assertEquals(LocalDate.of(2024, 2, 29), convert("\"2024-02-29\"", "java.time.LocalDate"));
    assertEquals(Duration.ofSeconds(90), convert("\"PT1M30S\"", "java.time.Duration"));
    UUID id = UUID.randomUUID();
    assertEquals(id, convert("\"" + id + "\"", "java.util.UUID"));
    assertTrue(
        refusal("\"tomorrow\"", "java.time.LocalDate")
            .startsWith("\"tomorrow\" is not a valid java.time.LocalDate"));
  }

  @Test
  void arraysBecomeCollectionsWithConvertedElements() {
    assertEquals(List.of(1L, 2L), convert("[1, 2]", "java.util.List<java.lang.Long>"));
    assertEquals(Set.of("a"), convert("[\"a\", \"a\"]", "java.util.Set<java.lang.String>"));
    assertEquals(
        List.of(List.of(1.0)),
        convert("[[1]]", "java.util.Collection<java.util.List<? extends java.lang.Double>>"));
    assertEquals(List.of(1, "x"), convert("[1, \"x\"]", "java.util.List"));
  }

  @Test
  void arraysBecomeJavaArraysForArrayParameters() {
    assertArrayEquals(new int[] {1, 2}, (int[]) convert("[1, 2]", "int[]"));
    assertArrayEquals(new String[] {"a"}, (String[]) convert("[\"a\"]", "java.lang.String..."));
    assertArrayEquals(new long[][] {{1}, {2, 3}}, (long[][]) convert("[[1], [2, 3]]", "long[][]"));
    assertArrayEquals(new byte[] {1, 2}, (byte[]) convert("\"AQI=\"", "byte[]"));
    assertArrayEquals(
        new Object[] {1, null}, (Object[]) convert("[1, null]", "java.lang.Object[]"));
  }

  @Test
  void objectsBecomeMapsWithConvertedKeysAndValues() {
    Map<Object, Object> expected = new LinkedHashMap<>();
    expected.put(1, List.of(2L));
    assertEquals(
        expected,
        convert(
            "{\"1\": [2]}", "java.util.Map<java.lang.Integer, java.util.List<java.lang.Long>>"));
    assertEquals(Map.of("k", Map.of("n", 1)), convert("{\"k\": {\"n\": 1}}", "java.lang.Object"));
  }

  @Test
  void optionalWrapsTheConvertedValue() {
    assertEquals(Optional.of(3L), convert("3", "java.util.Optional<java.lang.Long>"));
    assertEquals(Optional.empty(), convert("null", "java.util.Optional<java.lang.Long>"));
  }

  @Test
  void typeVariablesAndObjectGetTheNaturalValue() {
    assertEquals(1, convert("1", "T"));
    assertEquals(5_000_000_000L, convert("5000000000", "java.lang.Object"));
    assertEquals(2.5, convert("2.5", "java.lang.Number"));
    assertEquals(List.of(true), convert("[true]", "java.lang.Comparable<T>"));
  }

  @Test
  void applicationClassesCannotBeBuilt() {
    assertTrue(refusal("{}", "com.acme.Point").contains("cannot build a com.acme.Point"));
  }
}
