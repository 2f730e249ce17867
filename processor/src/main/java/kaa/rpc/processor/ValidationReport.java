package kaa.rpc.processor;

import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * The errors (and warnings) found in one interface. Every check adds to it, so a user sees all
 * problems of an interface in one compilation; code is generated only from an interface whose
 * report is clean.
 */
final class ValidationReport {
  private record Item(
      Element element, AnnotationMirror annotation, AnnotationValue value, String message) {}

  private final List<Item> items = new ArrayList<>();
  private final List<Item> warnings = new ArrayList<>();

  /** Records a warning on {@code element}: printed, but code is still generated. */
  void warning(Element element, String message) {
    warnings.add(new Item(element, null, null, message));
  }

  /** Records an error on {@code element}. */
  void error(Element element, String message) {
    items.add(new Item(element, null, null, message));
  }

  /** Records an error on {@code annotation} of {@code element}. */
  void error(Element element, AnnotationMirror annotation, String message) {
    items.add(new Item(element, annotation, null, message));
  }

  /**
   * Records an error on {@code value} of {@code annotation} on {@code element}, so the compiler
   * points at the annotation value itself.
   */
  void error(Element element, AnnotationMirror annotation, AnnotationValue value, String message) {
    items.add(new Item(element, annotation, value, message));
  }

  boolean isClean() {
    return items.isEmpty();
  }

  /** Prints every error, in the order found, then every warning. */
  void printTo(Messager messager) {
    printErrorsTo(messager);
    for (Item item : warnings) {
      messager.printMessage(Diagnostic.Kind.WARNING, item.message(), item.element());
    }
  }

  private void printErrorsTo(Messager messager) {
    for (Item item : items) {
      if (item.annotation() == null) {
        messager.printMessage(Diagnostic.Kind.ERROR, item.message(), item.element());
      } else if (item.value() == null) {
        messager.printMessage(
            Diagnostic.Kind.ERROR, item.message(), item.element(), item.annotation());
      } else {
        messager.printMessage(
            Diagnostic.Kind.ERROR, item.message(), item.element(), item.annotation(), item.value());
      }
    }
  }
}
