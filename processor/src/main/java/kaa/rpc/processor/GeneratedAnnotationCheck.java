package kaa.rpc.processor;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.ModuleElement.RequiresDirective;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Tells whether generated code may carry {@code @javax.annotation.processing.Generated}: the JDK
 * has it (9+), and the code's module reads {@code java.compiler}, where it lives. A user's named
 * module rarely requires {@code java.compiler}; naming the annotation there would not compile.
 */
final class GeneratedAnnotationCheck {
  private static final String GENERATED = "javax.annotation.processing.Generated";
  private static final String MODULE = "java.compiler";

  private GeneratedAnnotationCheck() {}

  /** Whether code generated beside {@code element} may name {@code @Generated}. */
  static boolean usableBeside(Elements elements, Element element) {
    if (elements.getTypeElement(GENERATED) == null) {
      return false;
    }
    ModuleElement module = elements.getModuleOf(element);
    return module == null || module.isUnnamed() || reads(module);
  }

  /**
   * Whether {@code module} reads {@code java.compiler}: it requires it, or requires a module that
   * requires it transitively (as {@code java.se} does), however deep.
   */
  private static boolean reads(ModuleElement module) {
    Deque<ModuleElement> implied = new ArrayDeque<>();
    Set<ModuleElement> seen = new HashSet<>();
    for (RequiresDirective requires : ElementFilter.requiresIn(module.getDirectives())) {
      implied.add(requires.getDependency());
    }
    while (!implied.isEmpty()) {
      ModuleElement next = implied.pop();
      if (!seen.add(next)) {
        continue;
      }
      if (next.getQualifiedName().contentEquals(MODULE)) {
        return true;
      }
      for (RequiresDirective requires : ElementFilter.requiresIn(next.getDirectives())) {
        if (requires.isTransitive()) {
          implied.add(requires.getDependency());
        }
      }
    }
    return false;
  }
}
