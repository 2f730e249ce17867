package kaa.rpc.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The shape of generated code: golden files, and warning-free compilation under {@code -Xlint:all
 * -Werror}. Regenerate the golden files with {@code mvn -pl processor test
 * -Dkaa.golden.update=true}.
 */
class GeneratedCodeTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden");

  static JavaFileObject corpus(String path) {
    URL url = GeneratedCodeTest.class.getResource("/corpus/" + path);
    assertThat(url).isNotNull();
    return JavaFileObjects.forResource(url);
  }

  static List<JavaFileObject> corpus() {
    return List.of(corpus("p/Calculator.java"), corpus("p/Outer.java"), corpus("Greeter.java"));
  }

  static Compilation compileCorpus() {
    Compilation compilation =
        javac()
            .withProcessors(new ExposeProcessor())
            .withOptions("-Xlint:all,-processing")
            .compile(corpus());
    assertThat(compilation).succeededWithoutWarnings();
    return compilation;
  }

  @Test
  void calculatorMatchesGoldenFile() {
    assertGolden(compileCorpus(), "p.CalculatorRpc", "CalculatorRpc.java.txt");
  }

  @Test
  void genericNestedRepoMatchesGoldenFile() {
    assertGolden(compileCorpus(), "p.Outer_RepoRpc", "Outer_RepoRpc.java.txt");
  }

  @Test
  void defaultPackageInterfaceMatchesGoldenFile() {
    assertGolden(compileCorpus(), "GreeterRpc", "GreeterRpc.java.txt");
  }

  @Test
  void generatedCodeCompilesWithoutWarningsUnderXlintAll() {
    List<JavaFileObject> sources = new ArrayList<>(corpus());
    sources.add(corpus("p/Legacy.java"));
    Compilation processedLegacy =
        javac()
            .withProcessors(new ExposeProcessor())
            .withOptions("-Xlint:all,-processing,-deprecation,-removal")
            .compile(sources);
    assertThat(processedLegacy).succeededWithoutWarnings();
    sources.addAll(processedLegacy.generatedSourceFiles());
    // Every lint, processing included, and no processor: only the generated code is judged
    // (deprecation is off for the user's own file, which uses its deprecated members itself).
    Compilation compilation =
        javac().withOptions("-Xlint:all", "-Werror", "-proc:none").compile(sources);
    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void outputIsDeterministic() throws IOException {
    String first = source(compileCorpus(), "p.Outer_RepoRpc");
    String second = source(compileCorpus(), "p.Outer_RepoRpc");
    assertThat(second).isEqualTo(first);
  }

  private static void assertGolden(Compilation compilation, String type, String file) {
    String actual = source(compilation, type);
    Path golden = GOLDEN.resolve(file);
    try {
      if (Boolean.getBoolean("kaa.golden.update")) {
        Files.createDirectories(GOLDEN);
        Files.writeString(golden, actual, StandardCharsets.UTF_8);
      }
      assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String source(Compilation compilation, String type) {
    JavaFileObject file =
        compilation
            .generatedSourceFile(type)
            .orElseThrow(() -> new AssertionError("no generated source for " + type));
    try {
      return file.getCharContent(true).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
