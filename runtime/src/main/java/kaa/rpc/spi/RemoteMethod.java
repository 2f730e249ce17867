package kaa.rpc.spi;

import java.util.List;
import java.util.Objects;

/**
 * Describes, once, a method of a generated proxy: what to call and how to treat its result. Held
 * in a {@code static final} field of the generated class and passed to {@link Calls} on every
 * call.
 *
 * @param service the interface's name, for messages (e.g. {@code "com.acme.Calculator"})
 * @param javaName the Java method name, for messages
 * @param name the exposed name sent to the peer
 * @param resultType the boxed erased result type ({@code Void.class} for {@code void}; for an
 *     asynchronous method, the erasure of the stage's type argument); a result that is not an
 *     instance of it fails the call with {@link kaa.rpc.SerializationException}
 * @param exceptions the checked exceptions the method declares
 */
public record RemoteMethod(
    String service,
    String javaName,
    String name,
    Class<?> resultType,
    List<ExceptionType> exceptions) {

  /** Validates and copies the fields. */
  public RemoteMethod {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(javaName, "javaName");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(resultType, "resultType");
    if (resultType.isPrimitive()) {
      throw new IllegalArgumentException("resultType must be boxed: " + resultType);
    }
    exceptions = List.copyOf(exceptions);
  }

  /** Shorthand for generated code. */
  public static RemoteMethod of(
      String service,
      String javaName,
      String name,
      Class<?> resultType,
      ExceptionType... exceptions) {
    return new RemoteMethod(service, javaName, name, resultType, List.of(exceptions));
  }

  /** {@code "Calculator.add"}: the call site as messages name it. */
  public String describe() {
    int dot = service.lastIndexOf('.');
    return service.substring(dot + 1) + "." + javaName;
  }
}
