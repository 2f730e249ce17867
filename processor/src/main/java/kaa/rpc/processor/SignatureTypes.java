package kaa.rpc.processor;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.IntersectionType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;

/** Questions about the types that appear in method signatures. */
final class SignatureTypes {
  private SignatureTypes() {}

  /**
   * Calls {@code visitor} with {@code type} and every type inside it: type arguments, array
   * components, wildcard bounds and the bounds of type variables (each variable once).
   */
  static void walk(TypeMirror type, Consumer<TypeMirror> visitor) {
    walk(type, visitor, new HashSet<>());
  }

  private static void walk(TypeMirror type, Consumer<TypeMirror> visitor, Set<Element> seen) {
    visitor.accept(type);
    switch (type.getKind()) {
      case ARRAY -> walk(((ArrayType) type).getComponentType(), visitor, seen);
      case DECLARED -> {
        for (TypeMirror argument : ((DeclaredType) type).getTypeArguments()) {
          walk(argument, visitor, seen);
        }
      }
      case TYPEVAR -> {
        TypeVariable variable = (TypeVariable) type;
        if (seen.add(variable.asElement())) {
          walk(variable.getUpperBound(), visitor, seen);
          walk(variable.getLowerBound(), visitor, seen);
        }
      }
      case WILDCARD -> {
        WildcardType wildcard = (WildcardType) type;
        if (wildcard.getExtendsBound() != null) {
          walk(wildcard.getExtendsBound(), visitor, seen);
        }
        if (wildcard.getSuperBound() != null) {
          walk(wildcard.getSuperBound(), visitor, seen);
        }
      }
      case INTERSECTION -> {
        for (TypeMirror bound : ((IntersectionType) type).getBounds()) {
          walk(bound, visitor, seen);
        }
      }
      default -> {}
    }
  }

  /** True if a cast to {@code type} is fully checked at run time (JLS 4.7). */
  static boolean isReifiable(TypeMirror type) {
    switch (type.getKind()) {
      case ARRAY:
        return isReifiable(((ArrayType) type).getComponentType());
      case DECLARED:
        DeclaredType declared = (DeclaredType) type;
        for (TypeMirror argument : declared.getTypeArguments()) {
          if (!isUnboundedWildcard(argument)) {
            return false;
          }
        }
        TypeMirror enclosing = declared.getEnclosingType();
        return enclosing.getKind() != TypeKind.DECLARED
            || isReifiable(enclosing);
      case TYPEVAR:
      case WILDCARD:
      case INTERSECTION:
        return false;
      default:
        return true;
    }
  }

  private static boolean isUnboundedWildcard(TypeMirror type) {
    if (type.getKind() != TypeKind.WILDCARD) {
      return false;
    }
    WildcardType wildcard = (WildcardType) type;
    return wildcard.getSuperBound() == null
        && (wildcard.getExtendsBound() == null
            || wildcard.getExtendsBound().toString().equals("java.lang.Object"));
  }

  /** True if {@code type} is or contains a raw use of a generic class. */
  static boolean containsRawType(TypeMirror type) {
    boolean[] raw = {false};
    walk(
        type,
        inner -> {
          if (inner.getKind() == TypeKind.DECLARED) {
            DeclaredType declared = (DeclaredType) inner;
            TypeElement element = (TypeElement) declared.asElement();
            if (declared.getTypeArguments().isEmpty() && !element.getTypeParameters().isEmpty()) {
              raw[0] = true;
            }
          }
        });
    return raw[0];
  }

  /** True if {@code element} or a type enclosing it is private, local or anonymous. */
  static boolean isPrivateOrLocal(TypeElement element) {
    for (Element current = element;
        current instanceof TypeElement type;
        current = current.getEnclosingElement()) {
      if (type.getModifiers().contains(Modifier.PRIVATE)
          || type.getNestingKind() == NestingKind.LOCAL
          || type.getNestingKind() == NestingKind.ANONYMOUS) {
        return true;
      }
    }
    return false;
  }
}
