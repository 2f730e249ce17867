package kaa.rpc.benchmarks;

import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of asynchronous typed calls, {@code add(1, 2)}, pipelined on one connection: one
 * thread keeps up to {@value #WINDOW} calls in flight (see {@link Window}) and each operation is
 * one call sent. Every result is checked; a failed or wrong call fails the iteration. Compare
 * with {@link RawNettyBaseline#pipelined}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dio.netty.leakDetection.level=simple"})
public class PipelinedBenchmark {
  static final int WINDOW = 1000;

  @Param({"tcp", "unix"})
  public String transport;

  @Param({"pool", "direct"})
  public String executor;

  private KaaRpcFixture fixture;
  private HandWrittenCalculatorRpc.Async calculator;
  private final Window window = new Window(WINDOW);
  private final BiConsumer<Integer, Throwable> done =
      (sum, failure) -> window.release(failure == null && sum == 3);
  private int a = 1;
  private int b = 2;

  @Setup
  public void start() throws Exception {
    fixture = new KaaRpcFixture(transport, executor);
    calculator = HandWrittenCalculatorRpc.async(fixture.client);
  }

  @TearDown(Level.Iteration)
  public void drain() {
    window.drain();
  }

  @TearDown
  public void stop() {
    fixture.close();
  }

  @Benchmark
  public void add() {
    window.acquire();
    calculator.add(a, b).whenComplete(done);
  }
}
