package kaa.rpc.processor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Types;

/** Finds the methods of an interface, declared and inherited, and reads their {@code @Expose}. */
final class InterfaceMethods {
  static final String EXPOSE = "kaa.rpc.annotation.Expose";

  /**
   * A method that is a member of the interface being processed.
   *
   * @param element the declaration (possibly in a super-interface)
   * @param type its type as a member of the processed interface (type arguments resolved)
   */
  record Member(ExecutableElement element, ExecutableType type) {
    boolean isAbstract() {
      return element.getModifiers().contains(Modifier.ABSTRACT);
    }

    TypeElement declaringType() {
      return (TypeElement) element.getEnclosingElement();
    }
  }

  private final Types types;

  InterfaceMethods(Types types) {
    this.types = types;
  }

  /**
   * The instance methods of {@code type}, declared ones first in source order, then inherited ones
   * from each super-interface in declaration order, depth first. A method overridden (or
   * re-declared with the same signature) by one found earlier is left out, as are static and
   * private methods and the re-declarations of {@code Object}'s public methods.
   */
  List<Member> members(TypeElement type) {
    DeclaredType owner = (DeclaredType) type.asType();
    List<Member> found = new ArrayList<>();
    collect(type, owner, found, new HashSet<>());
    return found;
  }

  private void collect(TypeElement current, DeclaredType owner, List<Member> found, Set<String> seen) {
    if (!seen.add(current.getQualifiedName().toString())) {
      return;
    }
    for (ExecutableElement method : ElementFilter.methodsIn(current.getEnclosedElements())) {
      Set<Modifier> modifiers = method.getModifiers();
      if (modifiers.contains(Modifier.STATIC)
          || modifiers.contains(Modifier.PRIVATE)
          || isObjectMethod(method)) {
        continue;
      }
      ExecutableType type = (ExecutableType) types.asMemberOf(owner, method);
      if (found.stream().noneMatch(member -> sameSignature(member, method, type))) {
        found.add(new Member(method, type));
      }
    }
    for (TypeMirror superInterface : current.getInterfaces()) {
      if (superInterface.getKind() == TypeKind.DECLARED) {
        collect((TypeElement) types.asElement(superInterface), owner, found, seen);
      }
    }
  }

  private boolean sameSignature(Member member, ExecutableElement method, ExecutableType type) {
    return member.element().getSimpleName().contentEquals(method.getSimpleName())
        && types.isSubsignature(member.type(), type);
  }

  /** True for {@code equals(Object)}, {@code hashCode()} and {@code toString()}. */
  static boolean isObjectMethod(ExecutableElement method) {
    String name = method.getSimpleName().toString();
    List<? extends VariableElement> parameters = method.getParameters();
    switch (name) {
      case "hashCode":
      case "toString":
        return parameters.isEmpty();
      case "equals":
        return parameters.size() == 1
            && parameters.get(0).asType().toString().equals("java.lang.Object");
      default:
        return false;
    }
  }

  /** The {@code @Expose} on {@code element}, if any. */
  static Optional<AnnotationMirror> expose(Element element) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      TypeElement annotation = (TypeElement) mirror.getAnnotationType().asElement();
      if (annotation.getQualifiedName().contentEquals(EXPOSE)) {
        return Optional.of(mirror);
      }
    }
    return Optional.empty();
  }

  /** The explicitly written {@code value} of an {@code @Expose}, if any. */
  static Optional<AnnotationValue> value(AnnotationMirror expose) {
    return expose.getElementValues().entrySet().stream()
        .filter(entry -> entry.getKey().getSimpleName().contentEquals("value"))
        .map(entry -> (AnnotationValue) entry.getValue())
        .findFirst();
  }

  /** True if {@code method} of an interface is exposed as such, by itself or its interface. */
  static boolean exposedByDeclaration(ExecutableElement method) {
    return expose(method).isPresent() || expose(method.getEnclosingElement()).isPresent();
  }

  /** The name {@code method} is exposed under: its {@code @Expose} value, or its Java name. */
  static String exposedName(ExecutableElement method) {
    return expose(method)
        .flatMap(InterfaceMethods::value)
        .map(value -> (String) value.getValue())
        .filter(name -> !name.isEmpty())
        .orElse(method.getSimpleName().toString());
  }

  /** {@code add(int,int)}: a method as messages name it. */
  static String describe(ExecutableElement method) {
    StringBuilder text = new StringBuilder(method.getSimpleName()).append('(');
    List<? extends VariableElement> parameters = method.getParameters();
    for (int i = 0; i < parameters.size(); i++) {
      if (i > 0) {
        text.append(',');
      }
      text.append(simpleTypeText(parameters.get(i).asType()));
    }
    return text.append(')').toString();
  }

  /** {@code Foo.add(int,int)} for a method declared in another type than {@code owner}. */
  static String describe(ExecutableElement method, TypeElement owner) {
    Element declaring = method.getEnclosingElement();
    return declaring.equals(owner)
        ? describe(method)
        : declaring.getSimpleName() + "." + describe(method);
  }

  private static String simpleTypeText(TypeMirror type) {
    // java.util.List<java.lang.String> -> List<String>: enough to tell overloads apart.
    return type.toString().replaceAll("\\b[a-z][a-z0-9_]*\\.", "");
  }

  /** The kind of a type for messages: "class", "enum", "record", "annotation type"... */
  static String kindName(ElementKind kind) {
    switch (kind) {
      case ANNOTATION_TYPE:
        return "annotation type";
      case ENUM:
        return "enum";
      case RECORD:
        return "record";
      case INTERFACE:
        return "interface";
      default:
        return "class";
    }
  }
}
