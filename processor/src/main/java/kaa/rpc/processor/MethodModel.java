package kaa.rpc.processor;

import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import java.util.List;
import javax.lang.model.element.ExecutableElement;

/**
 * One exposed method, with every type resolved as a member of the exposed interface (so a method
 * inherited from {@code Repo<User>} takes a {@code User}).
 *
 * @param element the declaration, possibly in a super-interface
 * @param javaName the Java method name
 * @param exposedName the name the peer calls
 * @param typeVariables the method's own type parameters with their resolved bounds
 * @param parameters every parameter in order, {@code Channel} ones included
 * @param varargs true if the last parameter is a varargs array
 * @param returnKind how the result is produced
 * @param returnType the declared result type, e.g. {@code CompletionStage<byte[]>}
 * @param returnTypeText {@link #returnType} as source text, for introspection
 * @param resultType the type the asynchronous proxy's future completes with: the boxed result,
 *     {@code Void} for {@code void}, the {@code T} of a {@code CompletionStage<T>}
 * @param resultClass the erasure of {@link #resultType}, for class literals
 * @param thrown the declared exceptions, in order
 * @param rawTypes true if a raw type appears in the signature (then generated code repeating it
 *     must suppress {@code rawtypes})
 * @param heapPollution true if the varargs parameter's type is not reifiable (then generated code
 *     repeating it must suppress {@code unchecked})
 */
record MethodModel(
    ExecutableElement element,
    String javaName,
    String exposedName,
    List<TypeVariableName> typeVariables,
    List<ParameterModel> parameters,
    boolean varargs,
    ReturnKind returnKind,
    TypeName returnType,
    String returnTypeText,
    TypeName resultType,
    TypeName resultClass,
    List<ThrownType> thrown,
    boolean rawTypes,
    boolean heapPollution) {

  MethodModel {
    typeVariables = List.copyOf(typeVariables);
    parameters = List.copyOf(parameters);
    thrown = List.copyOf(thrown);
  }

  /** How a method produces its result. */
  enum ReturnKind {
    /** Returns a value, primitive or not. */
    PLAIN,
    /** Returns {@code void}. */
    VOID,
    /** Returns a {@code CompletionStage<T>}. */
    COMPLETION_STAGE,
    /** Returns a {@code CompletableFuture<T>}. */
    COMPLETABLE_FUTURE;

    boolean isAsync() {
      return this == COMPLETION_STAGE || this == COMPLETABLE_FUTURE;
    }
  }

  /** The parameters that are sent: all but the {@code Channel} ones. */
  List<ParameterModel> sentParameters() {
    return parameters.stream().filter(parameter -> !parameter.channel()).toList();
  }

  boolean isGeneric() {
    return !typeVariables.isEmpty();
  }

  /**
   * A parameter.
   *
   * @param name the name in the source, used for named arguments
   * @param type the resolved type
   * @param erasure the erased type, primitive if the type is, for class literals
   * @param typeText the resolved type as source text, for introspection
   * @param channel true for a {@code kaa.rpc.Channel} parameter, which is injected and not sent
   * @param reifiable true if a cast to {@link #type} is checked at run time (no {@code
   *     unchecked} warning)
   */
  record ParameterModel(
      String name,
      TypeName type,
      TypeName erasure,
      String typeText,
      boolean channel,
      boolean reifiable) {}

  /**
   * A declared exception.
   *
   * @param type the erased exception class
   * @param messageConstructor true if it has a public constructor taking a {@code String}, so the
   *     generated code can pass {@code Type::new} as the factory
   */
  record ThrownType(TypeName type, boolean messageConstructor) {}
}
