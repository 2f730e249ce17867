package kaa.rpc.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.lang.reflect.Array;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

/**
 * Converts a JSON argument to the value a parameter of a given {@link JavaType} needs: integers to
 * {@code int}, {@code long}, {@code double}...; arrays to lists, sets or Java arrays; objects to
 * maps; strings to {@code UUID}, {@code BigDecimal}, {@code java.time} values and the like (and to
 * {@code byte[]} as Base64). Where the parameter type says nothing ({@code Object}, a type
 * variable), a JSON value becomes its natural Java value: {@code Integer}, {@code Long} or {@code
 * BigInteger}; {@code Double}; {@code String}; {@code Boolean}; {@code ArrayList}; {@code
 * LinkedHashMap}; null.
 *
 * <p>Only JDK types can be built: a parameter of an application class (a record, an enum) is
 * refused, as the tool does not have the class and the serializer would not send it.
 */
final class ArgumentConverter {

  /** Types read from a JSON string by their usual text form. */
  private static final Map<String, Function<String, Object>> FROM_TEXT =
      Map.ofEntries(
          Map.entry("java.lang.String", text -> text),
          Map.entry("java.lang.CharSequence", text -> text),
          Map.entry("java.math.BigInteger", BigInteger::new),
          Map.entry("java.math.BigDecimal", BigDecimal::new),
          Map.entry("java.util.UUID", UUID::fromString),
          Map.entry("java.net.URI", URI::create),
          Map.entry("java.util.Locale", Locale::forLanguageTag),
          Map.entry("java.time.Instant", Instant::parse),
          Map.entry("java.time.Duration", Duration::parse),
          Map.entry("java.time.Period", Period::parse),
          Map.entry("java.time.LocalDate", LocalDate::parse),
          Map.entry("java.time.LocalTime", LocalTime::parse),
          Map.entry("java.time.LocalDateTime", LocalDateTime::parse),
          Map.entry("java.time.OffsetDateTime", OffsetDateTime::parse),
          Map.entry("java.time.ZonedDateTime", ZonedDateTime::parse));

  /** Element classes of the Java arrays this converter builds; others become {@code Object[]}. */
  private static final Map<String, Class<?>> ARRAY_ELEMENTS =
      Map.ofEntries(
          Map.entry("boolean", boolean.class),
          Map.entry("byte", byte.class),
          Map.entry("short", short.class),
          Map.entry("char", char.class),
          Map.entry("int", int.class),
          Map.entry("long", long.class),
          Map.entry("float", float.class),
          Map.entry("double", double.class),
          Map.entry("java.lang.String", String.class));

  private ArgumentConverter() {}

  /**
   * Converts {@code json} for a parameter of type {@code type}.
   *
   * @throws IllegalArgumentException with a message fit for the user if it does not fit
   */
  static Object convert(JsonNode json, JavaType type) {
    if (json.isNull()) {
      if (type.isPrimitive()) {
        throw mismatch(json, type);
      }
      return type.dimensions() == 0 && type.name().equals("java.util.Optional")
          ? Optional.empty()
          : null;
    }
    if (type.dimensions() > 0) {
      return array(json, type);
    }
    switch (type.name()) {
      case "int", "java.lang.Integer":
        return bounded(json, type, Integer.MIN_VALUE, Integer.MAX_VALUE).intValue();
      case "long", "java.lang.Long":
        return bounded(json, type, Long.MIN_VALUE, Long.MAX_VALUE).longValue();
      case "short", "java.lang.Short":
        return bounded(json, type, Short.MIN_VALUE, Short.MAX_VALUE).shortValue();
      case "byte", "java.lang.Byte":
        return bounded(json, type, Byte.MIN_VALUE, Byte.MAX_VALUE).byteValue();
      case "double", "java.lang.Double":
        return number(json, type).doubleValue();
      case "float", "java.lang.Float":
        return number(json, type).floatValue();
      case "boolean", "java.lang.Boolean":
        if (!json.isBoolean()) {
          throw mismatch(json, type);
        }
        return json.booleanValue();
      case "char", "java.lang.Character":
        if (!json.isTextual() || json.textValue().length() != 1) {
          throw mismatch(json, type);
        }
        return json.textValue().charAt(0);
      case "java.lang.Number":
        if (!json.isNumber()) {
          throw mismatch(json, type);
        }
        return natural(json);
      case "java.util.Optional":
        return Optional.ofNullable(convert(json, type.argument(0)));
      case "java.util.List", "java.util.Collection", "java.lang.Iterable", "java.util.ArrayList":
        return addElements(json, type, new ArrayList<>());
      case "java.util.Set", "java.util.HashSet", "java.util.LinkedHashSet":
        return addElements(json, type, new LinkedHashSet<>());
      case "java.util.SortedSet", "java.util.NavigableSet", "java.util.TreeSet":
        return addElements(json, type, new TreeSet<>());
      case "java.util.Map", "java.util.HashMap", "java.util.LinkedHashMap":
        return putEntries(json, type, new LinkedHashMap<>());
      case "java.util.SortedMap", "java.util.NavigableMap", "java.util.TreeMap":
        return putEntries(json, type, new TreeMap<>());
      default:
        break;
    }
    Function<String, Object> parser = FROM_TEXT.get(type.name());
    if (parser != null) {
      if (json.isNumber() && type.name().startsWith("java.math.")) {
        return type.name().equals("java.math.BigDecimal")
            ? json.decimalValue()
            : integral(json, type);
      }
      if (!json.isTextual()) {
        throw mismatch(json, type);
      }
      try {
        return parser.apply(json.textValue());
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            json + " is not a valid " + type.name() + ": " + e.getMessage(), e);
      }
    }
    if (type.name().indexOf('.') >= 0 && !type.name().startsWith("java.")) {
      throw new IllegalArgumentException(
          "kaa-rpc call cannot build a "
              + type.name()
              + " from JSON; it sends JDK value types and collections only");
    }
    // Object, an interface such as Comparable or Serializable, or a type variable.
    return natural(json);
  }

  /** The natural Java value of {@code json}. */
  static Object natural(JsonNode json) {
    if (json.isNull()) {
      return null;
    }
    if (json.isIntegralNumber()) {
      return json.canConvertToInt()
          ? (Object) json.intValue()
          : json.canConvertToLong() ? (Object) json.longValue() : json.bigIntegerValue();
    }
    if (json.isNumber()) {
      return json.doubleValue();
    }
    if (json.isTextual()) {
      return json.textValue();
    }
    if (json.isBoolean()) {
      return json.booleanValue();
    }
    if (json.isArray()) {
      return addElements(json, JavaType.OBJECT, new ArrayList<>());
    }
    return putEntries(json, JavaType.OBJECT, new LinkedHashMap<>());
  }

  private static BigInteger bounded(JsonNode json, JavaType type, long min, long max) {
    BigInteger value = integral(json, type);
    if (value.compareTo(BigInteger.valueOf(min)) < 0
        || value.compareTo(BigInteger.valueOf(max)) > 0) {
      throw new IllegalArgumentException(json + " is out of range for " + type.name());
    }
    return value;
  }

  private static BigInteger integral(JsonNode json, JavaType type) {
    BigInteger value = null;
    if (json.isIntegralNumber()) {
      value = json.bigIntegerValue();
    } else if (json.isNumber()) {
      try {
        value = json.decimalValue().toBigIntegerExact(); // 3.0 is an integer too
      } catch (ArithmeticException notIntegral) {
        // Reported below.
      }
    }
    if (value == null) {
      throw mismatch(json, type);
    }
    return value;
  }

  private static Number number(JsonNode json, JavaType type) {
    if (!json.isNumber()) {
      throw mismatch(json, type);
    }
    return json.numberValue();
  }

  private static Object array(JsonNode json, JavaType type) {
    JavaType component = type.component();
    if (json.isTextual() && type.dimensions() == 1 && component.name().equals("byte")) {
      try {
        return Base64.getDecoder().decode(json.textValue());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("\"" + json.textValue() + "\" is not Base64 for byte[]");
      }
    }
    if (!json.isArray()) {
      throw mismatch(json, type);
    }
    Class<?> componentClass = ARRAY_ELEMENTS.getOrDefault(component.name(), Object.class);
    for (int i = 0; i < component.dimensions(); i++) {
      componentClass = componentClass.arrayType();
    }
    Object array = Array.newInstance(componentClass, json.size());
    for (int i = 0; i < json.size(); i++) {
      Array.set(array, i, convert(json.get(i), component));
    }
    return array;
  }

  private static Collection<Object> addElements(
      JsonNode json, JavaType type, Collection<Object> into) {
    if (!json.isArray()) {
      throw mismatch(json, type);
    }
    for (JsonNode element : json) {
      into.add(convert(element, type.argument(0)));
    }
    return into;
  }

  private static Map<Object, Object> putEntries(
      JsonNode json, JavaType type, Map<Object, Object> into) {
    if (!json.isObject()) {
      throw mismatch(json, type);
    }
    for (Map.Entry<String, JsonNode> entry : json.properties()) {
      into.put(key(entry.getKey(), type.argument(0)), convert(entry.getValue(), type.argument(1)));
    }
    return into;
  }

  /** JSON keys are strings; a map keyed by numbers or booleans gets them parsed. */
  private static Object key(String key, JavaType type) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    JsonNode node;
    try {
      node =
          switch (type.name()) {
            case "java.lang.Integer", "java.lang.Long", "java.lang.Short", "java.lang.Byte" ->
                nodes.numberNode(new BigInteger(key));
            case "java.lang.Double", "java.lang.Float" -> nodes.numberNode(new BigDecimal(key));
            case "java.lang.Boolean" ->
                key.equals("true") || key.equals("false")
                    ? nodes.booleanNode(Boolean.parseBoolean(key))
                    : nodes.textNode(key);
            default -> nodes.textNode(key);
          };
    } catch (NumberFormatException e) {
      node = nodes.textNode(key);
    }
    return convert(node, type);
  }

  private static IllegalArgumentException mismatch(JsonNode json, JavaType type) {
    return new IllegalArgumentException(json + " does not fit " + type);
  }
}
