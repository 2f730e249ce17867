package kaa.rpc.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.IntersectionType;
import javax.lang.model.type.PrimitiveType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import kaa.rpc.processor.InterfaceMethods.Member;
import kaa.rpc.processor.MethodModel.ParameterModel;
import kaa.rpc.processor.MethodModel.ReturnKind;
import kaa.rpc.processor.MethodModel.ThrownType;

/** Builds the {@link ServiceModel} of an interface that {@link ServiceValidator} found clean. */
final class ServiceModelFactory {
  static final String CHANNEL = "kaa.rpc.Channel";
  private static final String OBJECT = "java.lang.Object";

  private final Types types;
  private final Elements elements;
  private final InterfaceMethods interfaceMethods;

  ServiceModelFactory(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
    this.interfaceMethods = new InterfaceMethods(types);
  }

  /** True if {@code type} is exactly {@code kaa.rpc.Channel}, which is injected, not sent. */
  static boolean isChannel(TypeMirror type) {
    return type.getKind() == TypeKind.DECLARED
        && ((TypeElement) ((DeclaredType) type).asElement())
            .getQualifiedName()
            .contentEquals(CHANNEL);
  }

  ServiceModel create(TypeElement type) {
    ClassName interfaceName = ClassName.get(type);
    List<TypeVariableName> typeVariables =
        type.getTypeParameters().stream().map(TypeVariableName::get).toList();
    TypeName interfaceType =
        typeVariables.isEmpty()
            ? interfaceName
            : ParameterizedTypeName.get(interfaceName, typeVariables.toArray(TypeName[]::new));
    List<MethodModel> methods = new ArrayList<>();
    Map<String, TypeName> allowed = new LinkedHashMap<>();
    Set<String> deprecation = new TreeSet<>();
    noteDeprecation(type, deprecation);
    for (Member member : interfaceMethods.members(type)) {
      if (member.isAbstract()) {
        methods.add(method(member));
        allowTypesOf(member, allowed);
        noteDeprecation(member.element(), deprecation);
        for (TypeMirror signatureType : ServiceValidator.signatureTypes(member)) {
          SignatureTypes.walk(
              signatureType,
              inner -> {
                if (inner.getKind() == TypeKind.DECLARED) {
                  noteDeprecation(((DeclaredType) inner).asElement(), deprecation);
                }
              });
        }
      }
    }
    return new ServiceModel(
        type,
        interfaceName,
        interfaceType,
        ServiceModel.rpcNameOf(interfaceName),
        type.getQualifiedName().toString(),
        typeVariables,
        methods,
        List.copyOf(allowed.values()),
        deprecation);
  }

  /** Adds the warnings that using {@code element} (or the types enclosing it) would cause. */
  private void noteDeprecation(Element element, Set<String> warnings) {
    for (Element current = element;
        current != null && current.getKind() != ElementKind.PACKAGE;
        current = current.getEnclosingElement()) {
      if (elements.isDeprecated(current)) {
        Deprecated deprecated = current.getAnnotation(Deprecated.class);
        warnings.add(deprecated != null && deprecated.forRemoval() ? "removal" : "deprecation");
      }
    }
  }

  private MethodModel method(Member member) {
    ExecutableElement element = member.element();
    ExecutableType type = member.type();
    List<TypeVariableName> typeVariables =
        type.getTypeVariables().stream().map(this::typeVariable).toList();

    List<ParameterModel> parameters = new ArrayList<>();
    boolean rawTypes = false;
    for (int i = 0; i < element.getParameters().size(); i++) {
      VariableElement parameter = element.getParameters().get(i);
      TypeMirror parameterType = type.getParameterTypes().get(i);
      parameters.add(
          new ParameterModel(
              parameter.getSimpleName().toString(),
              TypeName.get(parameterType),
              TypeName.get(types.erasure(parameterType)),
              parameterType.toString(),
              isChannel(parameterType),
              SignatureTypes.isReifiable(parameterType)));
      rawTypes |= SignatureTypes.containsRawType(parameterType);
    }
    for (TypeVariable variable : type.getTypeVariables()) {
      rawTypes |= SignatureTypes.containsRawType(variable.getUpperBound());
    }
    TypeMirror returnType = type.getReturnType();
    rawTypes |= SignatureTypes.containsRawType(returnType);

    ReturnKind kind = returnKind(returnType);
    TypeName resultType;
    TypeName resultClass;
    switch (kind) {
      case VOID -> {
        resultType = ClassName.get(Void.class);
        resultClass = resultType;
      }
      case PLAIN -> {
        resultType = TypeName.get(returnType).box();
        resultClass = boxedErasure(returnType);
      }
      default -> {
        TypeMirror stageArgument = stageArgument(returnType);
        resultType = TypeName.get(stageArgument);
        resultClass = boxedErasure(upperBound(stageArgument));
      }
    }

    List<ThrownType> thrown = new ArrayList<>();
    for (TypeMirror thrownType : type.getThrownTypes()) {
      TypeMirror erasure = types.erasure(thrownType);
      thrown.add(
          new ThrownType(
              TypeName.get(erasure),
              hasMessageConstructor((TypeElement) types.asElement(erasure), member)));
    }

    boolean heapPollution =
        element.isVarArgs()
            && !SignatureTypes.isReifiable(
                ((ArrayType) type.getParameterTypes().get(parameters.size() - 1))
                    .getComponentType());
    return new MethodModel(
        element,
        element.getSimpleName().toString(),
        InterfaceMethods.exposedName(element),
        typeVariables,
        parameters,
        element.isVarArgs(),
        kind,
        TypeName.get(returnType),
        returnType.toString(),
        resultType,
        resultClass,
        thrown,
        rawTypes,
        heapPollution);
  }

  private static ReturnKind returnKind(TypeMirror returnType) {
    if (returnType.getKind() == TypeKind.VOID) {
      return ReturnKind.VOID;
    }
    if (returnType.getKind() == TypeKind.DECLARED) {
      TypeElement element = (TypeElement) ((DeclaredType) returnType).asElement();
      String name = element.getQualifiedName().toString();
      if (name.equals("java.util.concurrent.CompletionStage")) {
        return ReturnKind.COMPLETION_STAGE;
      }
      if (name.equals("java.util.concurrent.CompletableFuture")) {
        return ReturnKind.COMPLETABLE_FUTURE;
      }
    }
    return ReturnKind.PLAIN;
  }

  /** The {@code T} of {@code CompletionStage<T>}; {@code Object} for a raw stage. */
  private TypeMirror stageArgument(TypeMirror stage) {
    List<? extends TypeMirror> arguments = ((DeclaredType) stage).getTypeArguments();
    return arguments.isEmpty() ? objectType() : arguments.get(0);
  }

  /** {@code X} for {@code ? extends X}, {@code Object} for {@code ?} and {@code ? super X}. */
  private TypeMirror upperBound(TypeMirror type) {
    if (type.getKind() != TypeKind.WILDCARD) {
      return type;
    }
    TypeMirror bound = ((WildcardType) type).getExtendsBound();
    return bound == null ? objectType() : bound;
  }

  private TypeMirror objectType() {
    return elements.getTypeElement(OBJECT).asType();
  }

  private TypeName boxedErasure(TypeMirror type) {
    if (type.getKind().isPrimitive()) {
      return ClassName.get(types.boxedClass((PrimitiveType) type));
    }
    return TypeName.get(types.erasure(type));
  }

  /**
   * A method's type variable with its bounds as resolved in the exposed interface (JavaPoet's
   * {@code TypeVariableName.get} would read the declaration's unresolved bounds).
   */
  private TypeVariableName typeVariable(TypeVariable variable) {
    TypeMirror upper = variable.getUpperBound();
    List<? extends TypeMirror> bounds =
        upper.getKind() == TypeKind.INTERSECTION
            ? ((IntersectionType) upper).getBounds()
            : List.of(upper);
    TypeName[] names =
        bounds.stream()
            .filter(bound -> !bound.toString().equals(OBJECT))
            .map(TypeName::get)
            .toArray(TypeName[]::new);
    return TypeVariableName.get(variable.asElement().getSimpleName().toString(), names);
  }

  /**
   * True if {@code exception} can be made by {@code Type::new} from a message in the generated
   * class: a public (or same-package) concrete top-level or static class with a public {@code
   * String} constructor.
   */
  private boolean hasMessageConstructor(TypeElement exception, Member member) {
    if (exception.getModifiers().contains(Modifier.ABSTRACT)
        || SignatureTypes.isPrivateOrLocal(exception)) {
      return false;
    }
    for (Element current = exception;
        current instanceof TypeElement nested;
        current = current.getEnclosingElement()) {
      boolean inner =
          nested.getNestingKind() == NestingKind.MEMBER
              && !nested.getModifiers().contains(Modifier.STATIC);
      boolean visible =
          nested.getModifiers().contains(Modifier.PUBLIC)
              || elements
                  .getPackageOf(nested)
                  .equals(elements.getPackageOf(member.declaringType()));
      if (inner || !visible) {
        return false;
      }
    }
    return ElementFilter.constructorsIn(exception.getEnclosedElements()).stream()
        .anyMatch(
            constructor ->
                constructor.getModifiers().contains(Modifier.PUBLIC)
                    && constructor.getParameters().size() == 1
                    && constructor
                        .getParameters()
                        .get(0)
                        .asType()
                        .toString()
                        .equals("java.lang.String"));
  }

  /**
   * Adds the classes that values crossing the wire for {@code member} may have: the erasures of
   * the sent parameter types, of the result (the stage's type argument for an asynchronous
   * method) and of the declared exceptions, and of every type argument, array component and bound
   * inside them.
   */
  private void allowTypesOf(Member member, Map<String, TypeName> allowed) {
    List<TypeMirror> sent = new ArrayList<>();
    for (TypeMirror parameter : member.type().getParameterTypes()) {
      if (!isChannel(parameter)) {
        sent.add(parameter);
      }
    }
    TypeMirror returnType = member.type().getReturnType();
    sent.add(returnKind(returnType).isAsync() ? stageArgument(returnType) : returnType);
    sent.addAll(member.type().getThrownTypes());
    for (TypeMirror type : sent) {
      SignatureTypes.walk(
          type,
          inner -> {
            if (inner.getKind() == TypeKind.DECLARED || inner.getKind() == TypeKind.ARRAY) {
              TypeMirror erasure = types.erasure(inner);
              String name = erasure.toString();
              if (!name.equals(OBJECT) && !name.equals(CHANNEL)) {
                allowed.putIfAbsent(name, TypeName.get(erasure));
              }
            }
          });
    }
  }
}
