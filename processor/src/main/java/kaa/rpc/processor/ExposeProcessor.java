package kaa.rpc.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.ClassName;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Messager;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic;
import kaa.rpc.processor.InterfaceMethods.Member;
import net.ltgt.gradle.incap.IncrementalAnnotationProcessor;
import net.ltgt.gradle.incap.IncrementalAnnotationProcessorType;

/**
 * Generates {@code FooRpc} for every interface {@code Foo} that carries {@code @Expose} or has
 * methods that do (SPEC §2, §3).
 *
 * <p>Each interface is validated, turned into a {@link ServiceModel} and written by {@link
 * RpcWriter}; an interface with errors gets every error reported and no code. An interface whose
 * signatures name a type that does not exist yet (one another processor generates this round) is
 * deferred to the next round and looked up again by name; if it is still unresolved when processing
 * ends, and nothing else failed, that is reported too. The processor is isolating: each generated
 * file depends only on its interface, its super-interfaces and the types they name.
 */
@AutoService(Processor.class)
@IncrementalAnnotationProcessor(IncrementalAnnotationProcessorType.ISOLATING)
public final class ExposeProcessor extends AbstractProcessor {
  /** Interfaces deferred to the next round, by canonical name, with the type they miss. */
  private final Map<String, String> deferred = new LinkedHashMap<>();

  /** Interfaces already generated or reported, by canonical name. */
  private final Set<String> done = new HashSet<>();

  private boolean errorRaised;

  /** Creates the processor; the compiler calls {@link #init} before anything else. */
  public ExposeProcessor() {}

  /**
   * {@code @Expose}, and the two annotations on the code generated from it: all are claimed ({@link
   * #process} returns true), so javac's lint does not warn that no processor claimed them and a
   * user's {@code -Xlint:all -Werror} build passes.
   */
  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(
        InterfaceMethods.EXPOSE,
        "kaa.rpc.spi.GeneratedRpc",
        "javax.annotation.processing.Generated");
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    Elements elements = processingEnv.getElementUtils();
    Messager messager = processingEnv.getMessager();
    errorRaised |= round.errorRaised();
    if (round.processingOver()) {
      if (!errorRaised) {
        deferred.forEach(
            (name, missing) -> {
              TypeElement type = elements.getTypeElement(name);
              messager.printMessage(
                  Diagnostic.Kind.ERROR,
                  Message.UNRESOLVED_TYPE.format(
                      ServiceModel.rpcNameOf(ClassName.get(type)).simpleName(),
                      missing,
                      type.getSimpleName()),
                  type);
            });
      }
      return true;
    }

    Set<String> candidates = new LinkedHashSet<>(deferred.keySet());
    deferred.clear();
    TypeElement expose = elements.getTypeElement(InterfaceMethods.EXPOSE);
    if (expose != null) {
      for (Element element : round.getElementsAnnotatedWith(expose)) {
        collect(element, candidates, messager);
      }
    }
    if (candidates.isEmpty()) {
      return true;
    }
    if (elements.getTypeElement("kaa.rpc.spi.Dispatcher") == null) {
      for (String name : candidates) {
        messager.printMessage(
            Diagnostic.Kind.ERROR,
            Message.RUNTIME_MISSING.format(name),
            elements.getTypeElement(name));
      }
      errorRaised = true;
      return true;
    }
    Types types = processingEnv.getTypeUtils();
    ServiceValidator validator = new ServiceValidator(elements, types);
    ServiceModelFactory models = new ServiceModelFactory(elements, types);
    RpcWriter writer = new RpcWriter(elements);
    InterfaceMethods interfaceMethods = new InterfaceMethods(types);
    for (String name : candidates) {
      TypeElement type = elements.getTypeElement(name);
      if (type == null || done.contains(name)) {
        continue;
      }
      try {
        Optional<String> missing = missingType(type, interfaceMethods);
        if (missing.isPresent()) {
          deferred.put(name, missing.get());
          continue;
        }
        done.add(name);
        ValidationReport report = validator.validate(type);
        report.printTo(messager);
        if (!report.isClean()) {
          errorRaised = true;
          continue;
        }
        ServiceModel model = models.create(type);
        try {
          writer.write(model).writeTo(processingEnv.getFiler());
        } catch (IOException e) {
          messager.printMessage(
              Diagnostic.Kind.ERROR,
              Message.WRITE_FAILED.format(model.rpcName().canonicalName(), e),
              type);
          errorRaised = true;
        }
      } catch (RuntimeException e) {
        messager.printMessage(Diagnostic.Kind.ERROR, Message.CRASH.format(name, trace(e)), type);
        errorRaised = true;
      }
    }
    return true; // @Expose is ours alone: claimed, so javac's lint has nothing to say about it
  }

  /** The stack trace of {@code e} down to the processor's own frames: the compiler's are noise. */
  private static String trace(Throwable e) {
    StringWriter text = new StringWriter();
    e.printStackTrace(new PrintWriter(text));
    String[] lines = text.toString().split("\\R");
    int last = 0;
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains("kaa.rpc.processor.")) {
        last = i;
      }
    }
    return String.join(System.lineSeparator(), Arrays.asList(lines).subList(0, last + 1));
  }

  /** Adds the interface {@code element} stands for to {@code candidates}, or reports why not. */
  private void collect(Element element, Set<String> candidates, Messager messager) {
    Optional<AnnotationMirror> mirror = InterfaceMethods.expose(element);
    if (element instanceof TypeElement type) {
      if (type.getKind() == ElementKind.INTERFACE) {
        candidates.add(type.getQualifiedName().toString());
      } else {
        String kind = InterfaceMethods.kindName(type.getKind());
        messager.printMessage(
            Diagnostic.Kind.ERROR,
            Message.NOT_AN_INTERFACE.format(kind, type.getSimpleName(), kind),
            type,
            mirror.orElse(null));
        errorRaised = true;
      }
    } else if (element instanceof ExecutableElement method
        && method.getEnclosingElement() instanceof TypeElement owner) {
      if (owner.getKind() == ElementKind.INTERFACE) {
        candidates.add(owner.getQualifiedName().toString());
      } else {
        messager.printMessage(
            Diagnostic.Kind.ERROR,
            Message.METHOD_NOT_IN_INTERFACE.format(
                InterfaceMethods.describe(method),
                InterfaceMethods.kindName(owner.getKind()),
                owner.getSimpleName()),
            method,
            mirror.orElse(null));
        errorRaised = true;
      }
    }
  }

  /**
   * The first type named by {@code type}'s super-interfaces, type parameters or method signatures
   * that does not exist (yet), as source text.
   */
  private static Optional<String> missingType(TypeElement type, InterfaceMethods methods) {
    for (TypeMirror superInterface : type.getInterfaces()) {
      if (superInterface.getKind() == TypeKind.ERROR) {
        return Optional.of(superInterface.toString());
      }
      if (superInterface.getKind() == TypeKind.DECLARED) {
        Optional<String> missing = missingIn(superInterface);
        if (missing.isPresent()) {
          return missing;
        }
        Optional<String> inherited =
            missingType((TypeElement) ((DeclaredType) superInterface).asElement(), methods);
        if (inherited.isPresent()) {
          return inherited;
        }
      }
    }
    for (TypeParameterElement parameter : type.getTypeParameters()) {
      for (TypeMirror bound : parameter.getBounds()) {
        Optional<String> missing = missingIn(bound);
        if (missing.isPresent()) {
          return missing;
        }
      }
    }
    for (Member member : methods.members(type)) {
      for (TypeMirror signatureType : ServiceValidator.signatureTypes(member)) {
        Optional<String> missing = missingIn(signatureType);
        if (missing.isPresent()) {
          return missing;
        }
      }
      for (TypeParameterElement parameter : member.element().getTypeParameters()) {
        for (TypeMirror bound : parameter.getBounds()) {
          Optional<String> missing = missingIn(bound);
          if (missing.isPresent()) {
            return missing;
          }
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<String> missingIn(TypeMirror type) {
    String[] missing = {null};
    SignatureTypes.walk(
        type,
        inner -> {
          if (inner.getKind() == TypeKind.ERROR && missing[0] == null) {
            missing[0] = inner.toString();
          }
        });
    return Optional.ofNullable(missing[0]);
  }
}
