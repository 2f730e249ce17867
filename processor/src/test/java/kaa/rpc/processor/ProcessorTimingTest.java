package kaa.rpc.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Measures the processor on a generated corpus of 500 interfaces with 10 methods each. Not part of
 * the default run; run it with {@code mvn -B -o -pl processor test -Dtest=ProcessorTimingTest
 * -Dkaa.timing=true}.
 */
@EnabledIfSystemProperty(named = "kaa.timing", matches = "true")
class ProcessorTimingTest {
  private static final int INTERFACES = 500;
  private static final int METHODS = 10;

  static List<JavaFileObject> corpus() {
    List<JavaFileObject> sources = new ArrayList<>();
    sources.add(
        JavaFileObjects.forSourceLines(
            "bench.Item", "package bench;", "public record Item(String name, int count) {}"));
    for (int i = 0; i < INTERFACES; i++) {
      StringBuilder source = new StringBuilder();
      source
          .append("package bench;\n")
          .append("import java.util.*;\n")
          .append("import java.util.concurrent.CompletionStage;\n")
          .append("import kaa.rpc.Channel;\n")
          .append("import kaa.rpc.annotation.Expose;\n")
          .append("@Expose public interface Service")
          .append(i)
          .append(" {\n");
      for (int m = 0; m < METHODS; m++) {
        switch (m % 5) {
          case 0 -> source.append("  int add").append(m).append("(int a, int b);\n");
          case 1 -> source.append("  String echo").append(m).append("(String text, Channel caller);\n");
          case 2 ->
              source.append("  List<Item> items").append(m).append("(Map<String, Integer> filter);\n");
          case 3 ->
              source
                  .append("  CompletionStage<byte[]> fetch")
                  .append(m)
                  .append("(String key) throws java.io.IOException;\n");
          default ->
              source.append("  <T extends Comparable<T>> T max").append(m).append("(List<T> items);\n");
        }
      }
      source.append("}\n");
      sources.add(JavaFileObjects.forSourceString("bench.Service" + i, source.toString()));
    }
    return sources;
  }

  private static long compileMillis(boolean withProcessor) {
    long start = System.nanoTime();
    Compilation compilation =
        withProcessor
            ? javac().withProcessors(new ExposeProcessor()).compile(corpus())
            : javac().withOptions("-proc:none").compile(corpus());
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(compilation).succeeded();
    return millis;
  }

  @Test
  void measureProcessorOnFiveHundredInterfaces() {
    // Warm up the compiler and the processor's classes, then take the best of three.
    compileMillis(true);
    compileMillis(false);
    long best = Long.MAX_VALUE;
    long bestBaseline = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      best = Math.min(best, compileMillis(true));
      bestBaseline = Math.min(bestBaseline, compileMillis(false));
    }
    long processorOnly = measureProcessorAlone();
    Compilation generated = javac().withProcessors(new ExposeProcessor()).compile(corpus());
    List<JavaFileObject> all = new ArrayList<>(corpus());
    all.addAll(generated.generatedSourceFiles());
    long start = System.nanoTime();
    assertThat(javac().withOptions("-proc:none").compile(all)).succeeded();
    System.out.printf(
        "javac on the corpus plus its generated sources, no processor: %d ms%n",
        (System.nanoTime() - start) / 1_000_000);
    System.out.printf(
        "kaa-rpc processor timing: %d interfaces x %d methods: javac with processor %d ms"
            + " (compiles the 500 generated classes too), without %d ms; time inside"
            + " ExposeProcessor.process %d ms%n",
        INTERFACES, METHODS, best, bestBaseline, processorOnly);
  }

  /** The time spent inside {@code process} alone, summed over rounds (best of three). */
  private static long measureProcessorAlone() {
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      TimedProcessor timed = new TimedProcessor();
      assertThat(javac().withProcessors(timed).compile(corpus())).succeeded();
      best = Math.min(best, timed.nanos / 1_000_000);
    }
    return best;
  }

  /** Delegates to {@link ExposeProcessor} and adds up the time spent in it. */
  static final class TimedProcessor extends javax.annotation.processing.AbstractProcessor {
    private final ExposeProcessor delegate = new ExposeProcessor();
    long nanos;

    @Override
    public synchronized void init(javax.annotation.processing.ProcessingEnvironment env) {
      super.init(env);
      delegate.init(env);
    }

    @Override
    public java.util.Set<String> getSupportedAnnotationTypes() {
      return delegate.getSupportedAnnotationTypes();
    }

    @Override
    public javax.lang.model.SourceVersion getSupportedSourceVersion() {
      return delegate.getSupportedSourceVersion();
    }

    @Override
    public boolean process(
        java.util.Set<? extends javax.lang.model.element.TypeElement> annotations,
        javax.annotation.processing.RoundEnvironment round) {
      long start = System.nanoTime();
      try {
        return delegate.process(annotations, round);
      } finally {
        nanos += System.nanoTime() - start;
      }
    }
  }
}
