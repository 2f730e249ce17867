package kaa.rpc.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One function as the server's introspection function {@code kaa.functions} describes it.
 *
 * @param name the exposed name
 * @param parameters the sent parameters, in order
 * @param returns the result type as source text
 * @param service the name of the interface that serves it
 */
record FunctionDescription(
    String name, List<Parameter> parameters, String returns, String service) {

  /**
   * A Java type name in {@code java.lang} itself, not in a subpackage such as java.lang.reflect.
   */
  private static final Pattern JAVA_LANG = Pattern.compile("\\bjava\\.lang\\.(?=[A-Z])");

  /**
   * A parameter.
   *
   * @param name the name in the source, for {@code NAME=ARG}
   * @param type the declared type as source text
   */
  record Parameter(String name, String type) {}

  FunctionDescription {
    parameters = List.copyOf(parameters);
  }

  /**
   * Reads the answer of {@code kaa.functions}: a list of maps with {@code name}, {@code parameters}
   * (maps with {@code name} and {@code type}), {@code returns} and {@code service}.
   *
   * @throws IllegalArgumentException if the answer does not have that shape
   */
  static List<FunctionDescription> fromIntrospection(Object answer) {
    List<FunctionDescription> functions = new ArrayList<>();
    for (Object entry : asList(answer)) {
      Map<?, ?> function = asMap(entry);
      List<Parameter> parameters = new ArrayList<>();
      for (Object p : asList(function.get("parameters"))) {
        Map<?, ?> parameter = asMap(p);
        parameters.add(new Parameter(string(parameter, "name"), string(parameter, "type")));
      }
      functions.add(
          new FunctionDescription(
              string(function, "name"),
              parameters,
              string(function, "returns"),
              string(function, "service")));
    }
    return functions;
  }

  /** For {@code list}: {@code add(int a, int b) -> int}, with {@code java.lang.} left out. */
  String signature() {
    StringBuilder s = new StringBuilder(name).append('(');
    for (int i = 0; i < parameters.size(); i++) {
      Parameter p = parameters.get(i);
      s.append(i == 0 ? "" : ", ").append(shorten(p.type())).append(' ').append(p.name());
    }
    return s.append(") -> ").append(shorten(returns)).toString();
  }

  private static String shorten(String type) {
    return JAVA_LANG.matcher(type).replaceAll("");
  }

  private static List<?> asList(Object value) {
    if (value instanceof List<?> list) {
      return list;
    }
    throw new IllegalArgumentException("unexpected introspection answer: " + value);
  }

  private static Map<?, ?> asMap(Object value) {
    if (value instanceof Map<?, ?> map) {
      return map;
    }
    throw new IllegalArgumentException("unexpected introspection answer: " + value);
  }

  private static String string(Map<?, ?> map, String key) {
    if (map.get(key) instanceof String s) {
      return s;
    }
    throw new IllegalArgumentException("introspection answer lacks \"" + key + "\": " + map);
  }
}
