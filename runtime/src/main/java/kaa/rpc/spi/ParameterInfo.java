package kaa.rpc.spi;

import java.util.Objects;

/**
 * Describes one sent parameter of a {@link FunctionInfo}.
 *
 * @param name the parameter's name in the source, used for named arguments
 * @param type the erased parameter type; a primitive type means the argument must be the boxed
 *     type and not null
 * @param typeName the declared type as source text, for introspection (e.g. {@code
 *     "java.util.List<java.lang.String>"})
 */
public record ParameterInfo(String name, Class<?> type, String typeName) {
  /** Validates the fields. */
  public ParameterInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(typeName, "typeName");
  }
}
