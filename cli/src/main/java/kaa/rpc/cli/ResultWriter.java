package kaa.rpc.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a call's result as indented JSON. Numbers, strings, booleans and null are themselves;
 * collections and arrays are JSON arrays; maps are JSON objects (keys by {@code toString()});
 * {@code byte[]} is a Base64 string; an {@code Optional} is its value or null; enums are their
 * name; dates, times, durations, {@code UUID}, {@code URI}, {@code Locale} and characters are their
 * {@code toString()} ({@code Date} as an ISO instant).
 */
final class ResultWriter {
  // Jackson's streaming generator alone: an ObjectMapper would write the same, but setting one up
  // costs a short-lived tool a large part of its start-up.
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final DefaultPrettyPrinter PRETTY =
      new DefaultPrettyPrinter(
              Separators.createDefaultInstance()
                  .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
          .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);

  private ResultWriter() {}

  /** The JSON text of {@code result}, without a trailing newline. */
  static String toJson(Object result) {
    StringWriter text = new StringWriter();
    try (JsonGenerator json = FACTORY.createGenerator(text)) {
      json.setPrettyPrinter(PRETTY.createInstance());
      write(json, toJsonValue(result));
    } catch (IOException e) {
      // A StringWriter does not fail, and every value is reduced to JSON types first.
      throw new IllegalStateException("cannot write " + result.getClass().getName(), e);
    }
    return text.toString();
  }

  /** Writes a value {@link #toJsonValue} made. */
  private static void write(JsonGenerator json, Object value) throws IOException {
    if (value == null) {
      json.writeNull();
    } else if (value instanceof String s) {
      json.writeString(s);
    } else if (value instanceof Boolean b) {
      json.writeBoolean(b);
    } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      json.writeNumber(((Number) value).intValue());
    } else if (value instanceof Long l) {
      json.writeNumber(l);
    } else if (value instanceof Double d) {
      json.writeNumber(d);
    } else if (value instanceof Float f) {
      json.writeNumber(f);
    } else if (value instanceof BigDecimal d) {
      json.writeNumber(d);
    } else if (value instanceof BigInteger i) {
      json.writeNumber(i);
    } else if (value instanceof Number n) {
      json.writeNumber(n.toString()); // AtomicLong, LongAdder, ...: their digits
    } else if (value instanceof Map<?, ?> map) {
      json.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        json.writeFieldName((String) e.getKey());
        write(json, e.getValue());
      }
      json.writeEndObject();
    } else {
      json.writeStartArray();
      for (Object element : (List<?>) value) {
        write(json, element);
      }
      json.writeEndArray();
    }
  }

  /**
   * {@code value} reduced to what maps directly to JSON: null, String, Number, Boolean, List, Map.
   */
  static Object toJsonValue(Object value) {
    if (value == null
        || value instanceof String
        || value instanceof Number
        || value instanceof Boolean) {
      return value;
    }
    if (value instanceof byte[] bytes) {
      return Base64.getEncoder().encodeToString(bytes);
    }
    if (value instanceof Optional<?> optional) {
      return toJsonValue(optional.orElse(null));
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> object = new LinkedHashMap<>();
      map.forEach((k, v) -> object.put(String.valueOf(toJsonValue(k)), toJsonValue(v)));
      return object;
    }
    if (value instanceof Collection<?> collection) {
      List<Object> list = new ArrayList<>(collection.size());
      collection.forEach(element -> list.add(toJsonValue(element)));
      return list;
    }
    if (value.getClass().isArray()) {
      int length = Array.getLength(value);
      List<Object> list = new ArrayList<>(length);
      for (int i = 0; i < length; i++) {
        list.add(toJsonValue(Array.get(value, i)));
      }
      return list;
    }
    if (value instanceof Enum<?> constant) {
      return constant.name();
    }
    if (value instanceof Date date) {
      return date.toInstant().toString();
    }
    return value.toString();
  }
}
