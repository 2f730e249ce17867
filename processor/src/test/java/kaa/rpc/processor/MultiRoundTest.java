package kaa.rpc.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Interfaces that name types another processor generates are deferred until they exist. */
class MultiRoundTest {

  /** Generates {@code p.Payload} in the first round and {@code p.Base} in the second. */
  static final class TwoRoundGenerator extends AbstractProcessor {
    private int round;

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment env) {
      round++;
      if (round == 1) {
        write("p.Payload", "package p; public record Payload(String text, int count) {}");
      } else if (round == 2) {
        write(
            "p.Base",
            "package p; public interface Base { Payload twice(Payload payload); }");
      }
      return false;
    }

    private void write(String name, String source) {
      try (Writer writer = processingEnv.getFiler().createSourceFile(name).openWriter()) {
        writer.write(source);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Test
  void interfaceNamingGeneratedTypesIsGeneratedInALaterRound() {
    JavaFileObject api =
        JavaFileObjects.forSourceLines(
            "p.Api",
            "package p;",
            "import kaa.rpc.annotation.Expose;",
            "@Expose",
            "public interface Api extends Base {",
            "  Payload echo(Payload payload);",
            "}");
    Compilation compilation =
        javac()
            .withProcessors(new TwoRoundGenerator(), new ExposeProcessor())
            .withOptions("-Xlint:all,-processing", "-Werror")
            .compile(api);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("p.ApiRpc")
        .contentsAsUtf8String()
        .contains("TypeRegistry.allow(Payload.class);");
    assertThat(compilation)
        .generatedSourceFile("p.ApiRpc")
        .contentsAsUtf8String()
        .contains(".returnsValue(Payload.class, \"p.Payload\")");
  }
}
