package kaa.rpc.spi;

import java.util.List;
import java.util.Objects;

/**
 * Describes one exposed function of a {@link Dispatcher}.
 *
 * @param name the exposed name the peer calls
 * @param javaName the Java method name, for messages
 * @param parameters the parameters that are sent, in order ({@code Channel} parameters excluded)
 * @param returnType the declared result type as source text, for introspection (e.g. {@code
 *     "java.util.List<java.lang.String>"}, {@code "void"})
 * @param kind how the result is produced
 */
public record FunctionInfo(
    String name, String javaName, List<ParameterInfo> parameters, String returnType, Kind kind) {

  /** How a function produces its result. */
  public enum Kind {
    /** Returns a value (boxed if primitive) when {@code invoke} returns. */
    VALUE,
    /** Returns nothing; the caller receives null. */
    VOID,
    /** Returns a {@code CompletionStage}; the result is sent when it completes. */
    ASYNC
  }

  /** Validates and copies the parameter list. */
  public FunctionInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(javaName, "javaName");
    parameters = List.copyOf(parameters);
    Objects.requireNonNull(returnType, "returnType");
    Objects.requireNonNull(kind, "kind");
  }

  /** Shorthand for generated code: the parameters given as an array. */
  public static FunctionInfo of(
      String name, String javaName, String returnType, Kind kind, ParameterInfo... parameters) {
    return new FunctionInfo(name, javaName, List.of(parameters), returnType, kind);
  }
}
