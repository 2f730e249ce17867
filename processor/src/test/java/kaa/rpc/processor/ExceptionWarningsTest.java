package kaa.rpc.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * A declared checked exception the caller's runtime cannot rebuild is a warning on the method,
 * saying what constructor to add; the processor claims {@code @Expose}, so {@code -Xlint:all
 * -Werror} passes otherwise.
 */
class ExceptionWarningsTest {

  private static Compilation compile(String... options) {
    return javac()
        .withProcessors(new ExposeProcessor())
        .withOptions((Object[]) options)
        .compile(exceptions(), service());
  }

  private static JavaFileObject exceptions() {
    return JavaFileObjects.forSourceLines(
        "p.Errors",
        "package p;",
        "public final class Errors {",
        "  private Errors() {}",
        "  public static class Coded extends Exception {",
        "    private static final long serialVersionUID = 1L;",
        "    public Coded(int code) { super(\"code \" + code); }",
        "  }",
        "  public abstract static class Abstract extends Exception {",
        "    private static final long serialVersionUID = 1L;",
        "    public Abstract(String m) { super(m); }",
        "  }",
        "  public static class WithCause extends Exception {",
        "    private static final long serialVersionUID = 1L;",
        "    public WithCause(String m, Throwable cause) { super(m, cause); }",
        "  }",
        "  public static class Bare extends Exception {",
        "    private static final long serialVersionUID = 1L;",
        "  }",
        "}");
  }

  private static JavaFileObject service() {
    return JavaFileObjects.forSourceLines(
        "p.Service",
        "package p;",
        "import kaa.rpc.annotation.Expose;",
        "@Expose",
        "public interface Service {",
        "  void coded() throws Errors.Coded;",
        "  void abstractOne() throws Errors.Abstract;",
        "  void withCause() throws Errors.WithCause, java.io.IOException;",
        "  void bare() throws Errors.Bare, IllegalStateException;",
        "  @SuppressWarnings(\"kaa-rpc:unrebuildable-exception\")",
        "  void accepted() throws Errors.Coded;",
        "}");
  }

  @Test
  void aCheckedExceptionWithoutAUsableConstructorIsAWarningOnTheMethod() {
    Compilation compilation = compile();
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(2);
    assertThat(compilation)
        .hadWarningContaining(
            Message.UNREBUILDABLE_EXCEPTION.tag()
                + " coded() declares p.Errors.Coded, which has no public constructor taking"
                + " (String, Throwable), (String) or no arguments")
        .inFile(service())
        .onLineContaining("void coded()");
    assertThat(compilation)
        .hadWarningContaining("add a public Coded(String message) constructor")
        .inFile(service())
        .onLineContaining("void coded()");
    assertThat(compilation)
        .hadWarningContaining("p.Errors.Abstract, which is abstract")
        .inFile(service())
        .onLineContaining("void abstractOne()");
  }

  @Test
  void withoutSuchExceptionsXlintAllWerrorPassesWithTheProcessorOn() {
    JavaFileObject clean =
        JavaFileObjects.forSourceLines(
            "p.Clean",
            "package p;",
            "import kaa.rpc.annotation.Expose;",
            "@Expose",
            "public interface Clean {",
            "  int add(int a, int b) throws java.io.IOException;",
            "}");
    Compilation compilation =
        javac()
            .withProcessors(new ExposeProcessor())
            .withOptions("-Xlint:all", "-Werror")
            .compile(clean);
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(0);
  }
}
