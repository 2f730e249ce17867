package kaa.rpc.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.lang.reflect.Array;
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
  private static final ObjectWriter JSON =
      JsonMapper.builder()
          .build()
          .writer(
              new DefaultPrettyPrinter(
                      Separators.createDefaultInstance()
                          .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                  .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE));

  private ResultWriter() {}

  /** The JSON text of {@code result}, without a trailing newline. */
  static String toJson(Object result) {
    try {
      return JSON.writeValueAsString(toJsonValue(result));
    } catch (JsonProcessingException e) {
      // Every value is reduced to JSON types first, so this is a bug here.
      throw new IllegalStateException("cannot write " + result.getClass().getName(), e);
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
