package kaa.rpc.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.File;
import java.util.Arrays;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** One test per diagnostic of {@link Message}: its text, and the line it is reported on. */
class ExposeErrorsTest {

  static Compilation compile(JavaFileObject... sources) {
    return javac().withProcessors(new ExposeProcessor()).compile(sources);
  }

  static JavaFileObject source(String name, String... lines) {
    return JavaFileObjects.forSourceLines(name, lines);
  }

  @Test
  void exposeOnClassEnumRecordOrAnnotationIsAnError() {
    JavaFileObject file =
        source(
            "p.Wrong",
            "package p;",
            "import kaa.rpc.annotation.Expose;",
            "public class Wrong {",
            "  @Expose static class AClass {}",
            "  @Expose enum AnEnum { ONE }",
            "  @Expose record ARecord(int x) {}",
            "  @Expose @interface AnAnnotation {}",
            "}");
    Compilation compilation = compile(file);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(4);
    assertThat(compilation)
        .hadErrorContaining(Message.NOT_AN_INTERFACE.tag() + " @Expose is on class AClass")
        .inFile(file)
        .onLineContaining("AClass");
    assertThat(compilation)
        .hadErrorContaining("@Expose is on enum AnEnum")
        .inFile(file)
        .onLineContaining("AnEnum");
    assertThat(compilation)
        .hadErrorContaining("@Expose is on record ARecord")
        .inFile(file)
        .onLineContaining("ARecord");
    assertThat(compilation)
        .hadErrorContaining("@Expose is on annotation type AnAnnotation")
        .inFile(file)
        .onLineContaining("AnAnnotation");
  }

  @Test
  void exposeWithANameOnAnInterfaceIsAnError() {
    JavaFileObject file =
        source(
            "p.Named",
            "package p;",
            "import kaa.rpc.annotation.Expose;",
            "@Expose(\"calculator\")",
            "public interface Named {",
            "  int add(int a, int b);",
            "}");
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            Message.NAMED_INTERFACE.tag() + " @Expose(\"calculator\") on interface Named")
        .inFile(file)
        .onLineContaining("@Expose(\"calculator\")");
  }

  @Test
  void exposeOnAMethodOfAClassIsAnError() {
    JavaFileObject file =
        source(
            "p.Service",
            "package p;",
            "import kaa.rpc.annotation.Expose;",
            "public class Service {",
            "  @Expose public int add(int a, int b) { return a + b; }",
            "}");
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            Message.METHOD_NOT_IN_INTERFACE.tag() + " @Expose is on method add(int,int) of class")
        .inFile(file)
        .onLineContaining("int add(");
  }

  @Test
  void exposeOnDefaultStaticOrPrivateMethodIsAnError() {
    JavaFileObject file =
        source(
            "p.Calc",
            "package p;",
            "import kaa.rpc.annotation.Expose;",
            "public interface Calc {",
            "  @Expose int add(int a, int b);",
            "  @Expose default int twice(int a) { return add(a, a); }",
            "  @Expose static int zero() { return 0; }",
            "  @Expose private int one() { return 1; }",
            "}");
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(3);
    assertThat(compilation)
        .hadErrorContaining(Message.NOT_ABSTRACT.tag() + " @Expose is on default method twice(int)")
        .inFile(file)
        .onLineContaining("twice");
    assertThat(compilation)
        .hadErrorContaining("@Expose is on static method zero()")
        .inFile(file)
        .onLineContaining("zero");
    assertThat(compilation)
        .hadErrorContaining("@Expose is on private method one()")
        .inFile(file)
        .onLineContaining("one()");
  }

  @Test
  void twoMethodsUnderOneNameAreBothErrors() {
    JavaFileObject file =
        source(
            "p.Calc",
            "package p;",
            "import kaa.rpc.annotation.Expose;",
            "@Expose",
            "public interface Calc {",
            "  int add(int a, int b);",
            "  @Expose(\"add\") long plus(long a, long b);",
            "}");
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(2);
    String message =
        Message.DUPLICATE_NAME.tag()
            + " \"add\" is exposed twice in Calc: by add(int,int) and by plus(long,long)";
    assertThat(compilation).hadErrorContaining(message).inFile(file).onLineContaining("int add(");
    assertThat(compilation).hadErrorContaining(message).inFile(file).onLineContaining("plus(");
  }

  @Test
  void overloadsWithoutNamesAreDuplicates() {
    JavaFileObject file =
        source(
            "p.Calc",
            "package p;",
            "import kaa.rpc.annotation.Expose;",
            "@Expose",
            "public interface Calc {",
            "  int add(int a, int b);",
            "  long add(long a, long b);",
            "}");
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(2);
    String message = "by add(int,int) and by add(long,long); give one of them @Expose(\"...\")";
    assertThat(compilation).hadErrorContaining(message).inFile(file).onLineContaining("int add(");
    assertThat(compilation).hadErrorContaining(message).inFile(file).onLineContaining("long add(");
  }

  @Test
  void anAbstractMethodLeftUnexposedIsAnError() {
    JavaFileObject base =
        source("p.Base", "package p;", "public interface Base {", "  void inherited();", "}");
    JavaFileObject file =
        source(
            "p.Calc",
            "package p;",
            "import kaa.rpc.annotation.Expose;",
            "public interface Calc extends Base {",
            "  @Expose int add(int a, int b);",
            "  int sub(int a, int b);",
            "  default int twice(int a) { return add(a, a); }",
            "}");
    Compilation compilation = compile(base, file);
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining(
            Message.UNEXPOSED_METHOD.tag() + " abstract method sub(int,int) of Calc is not exposed")
        .inFile(file)
        .onLineContaining("int sub(");
    assertThat(compilation)
        .hadErrorContaining("abstract method Base.inherited() of Calc is not exposed")
        .inFile(file)
        .onLineContaining("interface Calc");
  }

  @Test
  void aBlankNameIsAnError() {
    JavaFileObject file =
        source(
            "p.Calc",
            "package p;",
            "import kaa.rpc.annotation.Expose;",
            "public interface Calc {",
            "  @Expose(\"  \") int add(int a, int b);",
            "}");
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(Message.BLANK_NAME.tag() + " @Expose(\"  \") on add(int,int)")
        .inFile(file)
        .onLineContaining("int add(");
  }

  @Test
  void aNameStartingWithKaaIsAnError() {
    JavaFileObject file =
        source(
            "p.Calc",
            "package p;",
            "import kaa.rpc.annotation.Expose;",
            "@Expose",
            "public interface Calc {",
            "  @Expose(\"kaa.functions\") int add(int a, int b);",
            "  @Expose(\"kaa\") int sub(int a, int b);",
            "}");
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            Message.RESERVED_NAME.tag() + " @Expose(\"kaa.functions\") on add(int,int)")
        .inFile(file)
        .onLineContaining("int add(");
  }

  @Test
  void methodsThatDifferOnlyInChannelParametersAreAnError() {
    JavaFileObject file =
        source(
            "p.Log",
            "package p;",
            "import kaa.rpc.Channel;",
            "import kaa.rpc.annotation.Expose;",
            "@Expose",
            "public interface Log {",
            "  void log(String line);",
            "  @Expose(\"logFrom\") void log(Channel caller, String line);",
            "}");
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            Message.ASYNC_CLASH.tag()
                + " log(String) and log(Channel,String) have the same parameters")
        .inFile(file)
        .onLineContaining("Channel caller");
  }

  @Test
  void aCompletionStageOtherThanTheTwoSupportedIsAnError() {
    JavaFileObject file =
        source(
            "p.Jobs",
            "package p;",
            "import java.util.concurrent.CompletionStage;",
            "import kaa.rpc.annotation.Expose;",
            "@Expose",
            "public interface Jobs {",
            "  interface Job<T> extends CompletionStage<T> {}",
            "  Job<String> start(String name);",
            "}");
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            Message.UNSUPPORTED_STAGE.tag() + " start(String) returns p.Jobs.Job<java.lang.String>")
        .inFile(file)
        .onLineContaining("start(");
  }

  @Test
  void declaringAThrowableThatIsNoExceptionIsAnError() {
    JavaFileObject file =
        source(
            "p.Risky",
            "package p;",
            "import kaa.rpc.annotation.Expose;",
            "@Expose",
            "public interface Risky {",
            "  void run() throws Throwable;",
            "}");
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(Message.THROWS_THROWABLE.tag() + " run() declares java.lang.Throwable")
        .inFile(file)
        .onLineContaining("run()");
  }

  @Test
  void privateTypesAreErrors() {
    JavaFileObject file =
        source(
            "p.Outer",
            "package p;",
            "import kaa.rpc.annotation.Expose;",
            "public class Outer {",
            "  private record Secret(int value) {}",
            "  @Expose private interface Hidden { int add(int a, int b); }",
            "  @Expose interface Api {",
            "    void take(Secret secret);",
            "  }",
            "}");
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining(
            Message.INACCESSIBLE_TYPE.tag()
                + " p.Outer.Hidden is private (or enclosed in a private type) and cannot be used"
                + " by the generated Outer_HiddenRpc")
        .inFile(file)
        .onLineContaining("interface Hidden");
    assertThat(compilation)
        .hadErrorContaining("p.Outer.Secret is private")
        .inFile(file)
        .onLineContaining("void take(");
  }

  @Test
  void aTypeThatNeverAppearsIsReportedAfterTheLastRound() {
    JavaFileObject file =
        source(
            "p.Api",
            "package p;",
            "import kaa.rpc.annotation.Expose;",
            "@Expose",
            "public interface Api {",
            "  void take(NotGeneratedByAnyone value);",
            "}");
    Compilation compilation = compile(file);
    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining(
            Message.UNRESOLVED_TYPE.tag()
                + " ApiRpc was not generated because the type NotGeneratedByAnyone in Api")
        .inFile(file)
        .onLineContaining("interface Api");
  }

  @Test
  void aMissingRuntimeIsAnError() {
    List<File> withoutRuntime =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(entry -> !entry.contains("runtime"))
            .map(File::new)
            .toList();
    JavaFileObject file =
        source(
            "p.Api",
            "package p;",
            "import kaa.rpc.annotation.Expose;",
            "@Expose",
            "public interface Api {",
            "  int add(int a, int b);",
            "}");
    Compilation compilation =
        javac().withProcessors(new ExposeProcessor()).withClasspath(withoutRuntime).compile(file);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(Message.RUNTIME_MISSING.tag() + " kaa-rpc-runtime is not on")
        .inFile(file)
        .onLineContaining("interface Api");
  }

  @Test
  void aClassInTheWayOfTheGeneratedOneIsReported() {
    JavaFileObject file =
        source(
            "p.Api",
            "package p;",
            "import kaa.rpc.annotation.Expose;",
            "@Expose",
            "public interface Api {",
            "  int add(int a, int b);",
            "}");
    JavaFileObject taken = source("p.ApiRpc", "package p;", "class ApiRpc {}");
    Compilation compilation = compile(file, taken);
    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining(Message.WRITE_FAILED.tag() + " could not write p.ApiRpc")
        .inFile(file)
        .onLineContaining("interface Api");
  }

  @Test
  void everyErrorOfAnInterfaceIsReportedAtOnce() {
    JavaFileObject file =
        source(
            "p.Calc",
            "package p;",
            "import kaa.rpc.annotation.Expose;",
            "public interface Calc {",
            "  @Expose(\" \") int add(int a, int b);",
            "  @Expose(\"kaa.x\") int sub(int a, int b);",
            "  int mul(int a, int b);",
            "}");
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(3);
    assertThat(compilation).hadErrorContaining(Message.BLANK_NAME.tag());
    assertThat(compilation).hadErrorContaining(Message.RESERVED_NAME.tag());
    assertThat(compilation).hadErrorContaining(Message.UNEXPOSED_METHOD.tag());
  }
}
