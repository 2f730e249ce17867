package kaa.rpc.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The one descriptor of a method of an exposed interface, held in a {@code static final} field of
 * the generated class: the proxies pass it to {@link Calls} on every call, and its {@link
 * #function()} is what the dispatcher serves and introspection ({@code kaa.functions}) lists.
 *
 * @param service the interface's name, for messages (e.g. {@code "com.acme.Calculator"})
 * @param id the method's number in its interface: its index in the dispatcher's {@link
 *     Dispatcher#functions()} and the {@code case} of the dispatcher's switch
 * @param function the exposed name, parameters and result as the dispatcher and introspection see
 *     them
 * @param resultType the boxed erased result type ({@code Void.class} for {@code void}; for an
 *     asynchronous method, the erasure of the stage's type argument); a result that is not an
 *     instance of it fails the call with {@link kaa.rpc.SerializationException}
 * @param exceptions the checked exceptions the method declares
 */
public record RemoteMethod(
    String service,
    int id,
    FunctionInfo function,
    Class<?> resultType,
    List<ExceptionType> exceptions) {

  /** Validates and copies the fields. */
  public RemoteMethod {
    Objects.requireNonNull(service, "service");
    if (id < 0) {
      throw new IllegalArgumentException("id must not be negative, got " + id);
    }
    Objects.requireNonNull(function, "function");
    Objects.requireNonNull(resultType, "resultType");
    if (resultType.isPrimitive()) {
      throw new IllegalArgumentException("resultType must be boxed: " + resultType);
    }
    exceptions = List.copyOf(exceptions);
  }

  /**
   * Starts the descriptor of method {@code javaName} of {@code service}, number {@code id},
   * exposed under its Java name unless {@link Builder#exposedAs} says otherwise.
   */
  public static Builder builder(String service, int id, String javaName) {
    return new Builder(service, id, javaName);
  }

  /**
   * The functions of {@code methods}, for {@link Dispatcher#functions()}.
   *
   * @throws IllegalArgumentException if a method's {@link #id()} is not its index in {@code
   *     methods}, which the dispatcher's switch relies on
   */
  public static List<FunctionInfo> functions(RemoteMethod... methods) {
    List<FunctionInfo> functions = new ArrayList<>(methods.length);
    for (int i = 0; i < methods.length; i++) {
      if (methods[i].id() != i) {
        throw new IllegalArgumentException(
            methods[i].describe() + " has id " + methods[i].id() + " but is at index " + i);
      }
      functions.add(methods[i].function());
    }
    return List.copyOf(functions);
  }

  /** The exposed name sent to the peer. */
  public String name() {
    return function.name();
  }

  /** The Java method name, for messages. */
  public String javaName() {
    return function.javaName();
  }

  /** {@code "Calculator.add"}: the call site as messages name it. */
  public String describe() {
    int dot = service.lastIndexOf('.');
    return service.substring(dot + 1) + "." + javaName();
  }

  /** Builds a {@link RemoteMethod}, as generated code does once per method. Not thread-safe. */
  public static final class Builder {
    private final String service;
    private final int id;
    private final String javaName;
    private String name;
    private final List<ParameterInfo> parameters = new ArrayList<>();
    private Class<?> resultType;
    private String returnType;
    private FunctionInfo.Kind kind;
    private final List<ExceptionType> exceptions = new ArrayList<>();

    private Builder(String service, int id, String javaName) {
      this.service = Objects.requireNonNull(service, "service");
      this.id = id;
      this.javaName = Objects.requireNonNull(javaName, "javaName");
      this.name = javaName;
    }

    /** Exposes the method under {@code name} instead of its Java name. */
    public Builder exposedAs(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /** Adds the next sent parameter ({@code Channel} parameters are not sent). */
    public Builder parameter(String name, Class<?> type, String typeName) {
      parameters.add(new ParameterInfo(name, type, typeName));
      return this;
    }

    /**
     * The method returns a value of boxed erased type {@code resultType}, declared as the source
     * text {@code returnType} (e.g. {@code "int"}).
     */
    public Builder returnsValue(Class<?> resultType, String returnType) {
      return returns(resultType, returnType, FunctionInfo.Kind.VALUE);
    }

    /** The method returns {@code void}. */
    public Builder returnsVoid() {
      return returns(Void.class, "void", FunctionInfo.Kind.VOID);
    }

    /**
     * The method returns a {@code CompletionStage} (declared as the source text {@code
     * returnType}) of values of boxed erased type {@code resultType}.
     */
    public Builder returnsAsync(Class<?> resultType, String returnType) {
      return returns(resultType, returnType, FunctionInfo.Kind.ASYNC);
    }

    private Builder returns(Class<?> resultType, String returnType, FunctionInfo.Kind kind) {
      this.resultType = Objects.requireNonNull(resultType, "resultType");
      this.returnType = Objects.requireNonNull(returnType, "returnType");
      this.kind = kind;
      return this;
    }

    /**
     * Adds a declared checked exception; {@code factory} makes one from a remote message, or is
     * null if the class has no public constructor taking a {@code String}.
     */
    public Builder throwing(
        Class<? extends Throwable> type, Function<String, ? extends Throwable> factory) {
      exceptions.add(new ExceptionType(type, factory));
      return this;
    }

    /**
     * The descriptor.
     *
     * @throws IllegalStateException if no {@code returns...} method was called
     */
    public RemoteMethod build() {
      if (kind == null) {
        throw new IllegalStateException("the result of " + javaName + " was not described");
      }
      FunctionInfo function = new FunctionInfo(name, javaName, parameters, returnType, kind);
      return new RemoteMethod(service, id, function, resultType, exceptions);
    }
  }
}
