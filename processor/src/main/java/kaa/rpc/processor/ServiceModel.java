package kaa.rpc.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.TypeElement;

/**
 * What the writer needs to know about one exposed interface; built only from an interface without
 * errors.
 *
 * @param element the interface, the originating element of the generated file
 * @param interfaceName the interface's class name
 * @param interfaceType the interface as the generated code names it ({@code Repo<T>} if generic)
 * @param rpcName the generated class ({@code p.FooRpc}, {@code p.Outer_FooRpc})
 * @param serviceName the interface's canonical name, as the runtime reports it
 * @param typeVariables the interface's type parameters, with their bounds
 * @param methods the exposed methods, declared ones first in source order, then inherited ones
 * @param allowedTypes the erased classes named in the signatures, for the serializer's allow-list,
 *     in order of first appearance
 * @param deprecationWarnings {@code "deprecation"} and/or {@code "removal"} if the interface, a
 *     method or a type in the signatures is deprecated: the generated class, which must name
 *     them, suppresses these warnings
 */
record ServiceModel(
    TypeElement element,
    ClassName interfaceName,
    TypeName interfaceType,
    ClassName rpcName,
    String serviceName,
    List<TypeVariableName> typeVariables,
    List<MethodModel> methods,
    List<TypeName> allowedTypes,
    Set<String> deprecationWarnings) {

  ServiceModel {
    typeVariables = List.copyOf(typeVariables);
    methods = List.copyOf(methods);
    allowedTypes = List.copyOf(allowedTypes);
    deprecationWarnings = Set.copyOf(deprecationWarnings);
  }

  /** {@code FooRpc} for {@code p.Foo}, {@code Outer_FooRpc} for {@code p.Outer.Foo}. */
  static ClassName rpcNameOf(ClassName interfaceName) {
    return ClassName.get(
        interfaceName.packageName(), String.join("_", interfaceName.simpleNames()) + "Rpc");
  }

  boolean isGeneric() {
    return !typeVariables.isEmpty();
  }
}
