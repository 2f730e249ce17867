package kaa.rpc.processor;

import static kaa.rpc.processor.InterfaceMethods.describe;
import static kaa.rpc.processor.InterfaceMethods.expose;
import static kaa.rpc.processor.InterfaceMethods.exposedByDeclaration;
import static kaa.rpc.processor.InterfaceMethods.exposedName;

import com.palantir.javapoet.ClassName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import kaa.rpc.processor.InterfaceMethods.Member;

/**
 * Checks an interface against SPEC §2 and collects every problem in a {@link ValidationReport},
 * each on the element to fix. The interface's types must all be resolved (see {@link
 * ExposeProcessor}); elements that are not interfaces are checked by the processor itself.
 */
final class ServiceValidator {
  private final Types types;
  private final InterfaceMethods interfaceMethods;
  private final TypeMirror completionStage;
  private final TypeMirror exception;
  private final TypeMirror error;
  private final TypeMirror runtimeException;

  ServiceValidator(Elements elements, Types types) {
    this.types = types;
    this.interfaceMethods = new InterfaceMethods(types);
    this.completionStage =
        types.erasure(elements.getTypeElement("java.util.concurrent.CompletionStage").asType());
    this.exception = elements.getTypeElement("java.lang.Exception").asType();
    this.error = elements.getTypeElement("java.lang.Error").asType();
    this.runtimeException = elements.getTypeElement("java.lang.RuntimeException").asType();
  }

  ValidationReport validate(TypeElement type) {
    ValidationReport report = new ValidationReport();
    String rpcName = ServiceModel.rpcNameOf(ClassName.get(type)).simpleName();
    if (SignatureTypes.isPrivateOrLocal(type)) {
      report.error(type, Message.INACCESSIBLE_TYPE.format(type.getQualifiedName(), rpcName));
    }
    Optional<AnnotationMirror> typeExpose = expose(type);
    typeExpose.ifPresent(
        mirror ->
            InterfaceMethods.value(mirror)
                .filter(value -> !((String) value.getValue()).isEmpty())
                .ifPresent(
                    value ->
                        report.error(
                            type,
                            mirror,
                            value,
                            Message.NAMED_INTERFACE.format(
                                value.getValue(), type.getSimpleName()))));
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      expose(method).ifPresent(mirror -> checkRemote(method, mirror, report));
    }

    Map<String, Member> byName = new HashMap<>();
    Map<String, Member> bySentSignature = new HashMap<>();
    for (Member member : interfaceMethods.members(type)) {
      if (!member.isAbstract()) {
        continue;
      }
      ExecutableElement method = member.element();
      Element site = siteOf(member, type);
      if (typeExpose.isEmpty() && !exposedByDeclaration(method)) {
        report.error(
            site,
            Message.UNEXPOSED_METHOD.format(
                describe(method, type), type.getSimpleName(), type.getSimpleName()));
        continue;
      }
      checkName(member, type, report);
      String name = exposedName(method);
      Member previous = byName.putIfAbsent(name, member);
      if (previous != null) {
        String first = describe(previous.element(), type);
        String second = describe(method, type);
        report.error(
            siteOf(previous, type),
            Message.DUPLICATE_NAME.format(name, type.getSimpleName(), first, second));
        report.error(
            site, Message.DUPLICATE_NAME.format(name, type.getSimpleName(), first, second));
      }
      checkReturnType(member, type, report);
      checkThrownTypes(member, type, report);
      checkAccessibleTypes(member, type, rpcName, report);
      Member clash = bySentSignature.putIfAbsent(sentSignature(member), member);
      if (clash != null) {
        report.error(
            site,
            Message.ASYNC_CLASH.format(
                describe(clash.element(), type), describe(method, type), rpcName));
      }
    }
    return report;
  }

  /** Where to report a problem with {@code member}: itself if declared in {@code type}. */
  private static Element siteOf(Member member, TypeElement type) {
    return member.declaringType().equals(type) ? member.element() : type;
  }

  private static void checkRemote(
      ExecutableElement method, AnnotationMirror mirror, ValidationReport report) {
    Set<Modifier> modifiers = method.getModifiers();
    String kind =
        modifiers.contains(Modifier.DEFAULT)
            ? "default"
            : modifiers.contains(Modifier.STATIC)
                ? "static"
                : modifiers.contains(Modifier.PRIVATE) ? "private" : null;
    if (kind != null) {
      report.error(method, mirror, Message.NOT_ABSTRACT.format(kind, describe(method)));
    }
  }

  private static void checkName(Member member, TypeElement type, ValidationReport report) {
    ExecutableElement method = member.element();
    Optional<AnnotationMirror> mirror = expose(method);
    Optional<AnnotationValue> value = mirror.flatMap(InterfaceMethods::value);
    if (value.isEmpty()) {
      return;
    }
    String name = (String) value.get().getValue();
    String message = null;
    if (!name.isEmpty() && name.isBlank()) {
      message = Message.BLANK_NAME.format(name, describe(method, type));
    } else if (name.startsWith("kaa.")) {
      message = Message.RESERVED_NAME.format(name, describe(method, type));
    }
    if (message != null) {
      if (member.declaringType().equals(type)) {
        report.error(method, mirror.get(), value.get(), message);
      } else {
        report.error(type, message);
      }
    }
  }

  private void checkReturnType(Member member, TypeElement type, ValidationReport report) {
    TypeMirror returnType = member.type().getReturnType();
    if (returnType.getKind() != TypeKind.DECLARED
        || !types.isSubtype(types.erasure(returnType), completionStage)) {
      return;
    }
    String name = types.erasure(returnType).toString();
    if (!name.equals("java.util.concurrent.CompletionStage")
        && !name.equals("java.util.concurrent.CompletableFuture")) {
      report.error(
          siteOf(member, type),
          Message.UNSUPPORTED_STAGE.format(describe(member.element(), type), returnType));
    }
  }

  private void checkThrownTypes(Member member, TypeElement type, ValidationReport report) {
    for (TypeMirror thrown : member.type().getThrownTypes()) {
      if (!types.isSubtype(thrown, exception) && !types.isSubtype(thrown, error)) {
        report.error(
            siteOf(member, type),
            Message.THROWS_THROWABLE.format(describe(member.element(), type), thrown));
      } else if (types.isSubtype(thrown, exception)
          && !types.isSubtype(thrown, runtimeException)
          && thrown.getKind() == TypeKind.DECLARED
          && !suppressed(member.element(), "kaa-rpc:unrebuildable-exception")) {
        checkRebuildable(member, type, (TypeElement) types.asElement(thrown), report);
      }
    }
  }

  /**
   * Warns unless the runtime can make a {@code thrown} at the caller: a concrete class with a
   * public constructor taking (String, Throwable), (String) or nothing.
   */
  private static void checkRebuildable(
      Member member, TypeElement type, TypeElement thrown, ValidationReport report) {
    String simple = thrown.getSimpleName().toString();
    String why;
    String fix;
    if (thrown.getModifiers().contains(Modifier.ABSTRACT)) {
      why = "is abstract";
      fix = "declare a concrete subclass with a public " + "(String message) constructor";
    } else if (ElementFilter.constructorsIn(thrown.getEnclosedElements()).stream()
        .anyMatch(ServiceValidator::rebuildsException)) {
      return;
    } else {
      why = "has no public constructor taking (String, Throwable), (String) or no arguments";
      fix = "add a public " + simple + "(String message) constructor";
    }
    report.warning(
        siteOf(member, type),
        Message.UNREBUILDABLE_EXCEPTION.format(
            describe(member.element(), type), thrown.getQualifiedName(), why, simple, simple, fix));
  }

  private static boolean rebuildsException(ExecutableElement constructor) {
    if (!constructor.getModifiers().contains(Modifier.PUBLIC)) {
      return false;
    }
    List<String> parameters =
        constructor.getParameters().stream()
            .map(p -> p.asType().toString())
            .collect(Collectors.toList());
    return parameters.isEmpty()
        || parameters.equals(List.of("java.lang.String"))
        || parameters.equals(List.of("java.lang.String", "java.lang.Throwable"));
  }

  /** True if {@code element} or an enclosing element suppresses {@code name} (or "kaa-rpc"). */
  private static boolean suppressed(Element element, String name) {
    for (Element e = element; e != null; e = e.getEnclosingElement()) {
      SuppressWarnings annotation = e.getAnnotation(SuppressWarnings.class);
      if (annotation != null) {
        for (String value : annotation.value()) {
          if (value.equals(name) || value.equals("kaa-rpc")) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static void checkAccessibleTypes(
      Member member, TypeElement type, String rpcName, ValidationReport report) {
    Set<TypeElement> inaccessible = new LinkedHashSet<>();
    for (TypeMirror signatureType : signatureTypes(member)) {
      SignatureTypes.walk(
          signatureType,
          inner -> {
            if (inner.getKind() == TypeKind.DECLARED) {
              TypeElement element = (TypeElement) ((DeclaredType) inner).asElement();
              if (SignatureTypes.isPrivateOrLocal(element)) {
                inaccessible.add(element);
              }
            }
          });
    }
    for (TypeElement element : inaccessible) {
      report.error(
          siteOf(member, type),
          Message.INACCESSIBLE_TYPE.format(element.getQualifiedName(), rpcName));
    }
  }

  /** The return, parameter and thrown types of {@code member}. */
  static List<TypeMirror> signatureTypes(Member member) {
    List<TypeMirror> all = new ArrayList<>(member.type().getParameterTypes());
    all.add(member.type().getReturnType());
    all.addAll(member.type().getThrownTypes());
    return all;
  }

  /** {@code add(int,int)} with Channel parameters left out and types erased. */
  private String sentSignature(Member member) {
    return member.element().getSimpleName()
        + member.type().getParameterTypes().stream()
            .filter(parameter -> !ServiceModelFactory.isChannel(parameter))
            .map(parameter -> types.erasure(parameter).toString())
            .collect(Collectors.joining(",", "(", ")"));
  }
}
