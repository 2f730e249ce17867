package kaa.rpc.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * Latency of one blocking typed call, {@code add(1, 2)}, on one connection: the caller sends,
 * waits, and sends the next only when the result is back, so each sample is one full round trip
 * (serialize, hand to the I/O thread, loopback, dispatch, run, reply, complete, wake the caller).
 *
 * <p>{@code executor=pool}: the server runs {@code add} on kaa-rpc's default pool (one more thread
 * hand-off each way). {@code executor=direct}: on the server's I/O thread, the fast path for
 * methods that never block. Compare with {@link RawNettyBaseline#roundTrip}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dio.netty.leakDetection.level=simple"})
public class RoundTripBenchmark {
  @Param({"tcp", "unix"})
  public String transport;

  @Param({"pool", "direct"})
  public String executor;

  private KaaRpcFixture fixture;
  private Calculator calculator;
  private int a = 1;
  private int b = 2;

  @Setup
  public void start() throws Exception {
    fixture = new KaaRpcFixture(transport, executor);
    calculator = HandWrittenCalculatorRpc.proxy(fixture.client);
    if (calculator.add(a, b) != 3) {
      throw new AssertionError("add(1, 2) is not 3");
    }
  }

  @TearDown
  public void stop() {
    fixture.close();
  }

  @Benchmark
  public int add() {
    return calculator.add(a, b);
  }
}
