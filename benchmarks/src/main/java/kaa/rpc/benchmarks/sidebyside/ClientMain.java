package kaa.rpc.benchmarks.sidebyside;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The client JVM: {@code ClientMain CONTENDER-ID ADDRESS SERVER-PID JVM-WARMUP-S WARMUP-S MEASURE-S
 * WORKLOADS}. Connects, warms the JVMs up (each workload in turn for a share of JVM-WARMUP-S),
 * then runs each workload (W1, W2, W3) for a warm-up and a measured window, and prints
 * one {@code RESULT} line per workload: calls and nanoseconds of the window, latency p50/p99 (W1,
 * W3), and the CPU ticks and context switches of this JVM plus the server JVM over the window.
 * Every result is checked; a wrong one fails the run (exit status 1).
 */
public final class ClientMain {
  static final int ECHO_BYTES = 4096;

  private final BenchClient client;
  private final long serverPid;
  private final long selfPid = ProcessHandle.current().pid();
  private long warmupNanos;
  /** During the JVM warm-up: go on past warmupNanos until this many calls, up to 4 times it. */
  private long minWarmupCalls;
  private long measureNanos;

  private ClientMain(BenchClient client, long serverPid) {
    this.client = client;
    this.serverPid = serverPid;
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 7) {
      System.err.println(
          "usage: ClientMain CONTENDER-ID ADDRESS SERVER-PID JVM-WARMUP-S WARMUP-S MEASURE-S W1,W2,W3");
      System.exit(2);
    }
    Contender contender = Contender.byId(args[0]);
    long serverPid = Long.parseLong(args[2]);
    long jvmWarmup = (long) (Double.parseDouble(args[3]) * 1e9);
    long warmup = (long) (Double.parseDouble(args[4]) * 1e9);
    long measure = (long) (Double.parseDouble(args[5]) * 1e9);
    String[] workloads = args[6].split(",");
    long hz = HZ;
    int status = 0;
    try (BenchClient client = contender.connect(args[1])) {
      ClientMain main = new ClientMain(client, serverPid);
      // The JVM warm-up: every workload in turn, results checked and dropped.
      // A slow JVM (gRPC's call path is long) goes on until enough calls for the JIT, for at most
      // four times its share.
      main.measureNanos = 0;
      main.warmupNanos = jvmWarmup / workloads.length;
      for (String workload : workloads) {
        main.minWarmupCalls = workload.equals("W2") ? 100_000 : workload.equals("W1") ? 20_000 : 10_000;
        main.run(workload);
      }
      main.minWarmupCalls = 0;
      main.warmupNanos = warmup;
      main.measureNanos = measure;
      for (String workload : workloads) {
        System.out.println("RESULT " + workload + " hz=" + hz + " " + main.run(workload));
        System.out.flush();
      }
    } catch (Throwable e) {
      e.printStackTrace();
      status = 1;
    }
    System.exit(status);
  }

  private String run(String workload) throws Exception {
    switch (workload) {
      case "W1":
        return w1();
      case "W2":
        return w2() + " note=" + client.pipelineNote();
      case "W3":
        return w3();
      default:
        throw new IllegalArgumentException("no workload " + workload);
    }
  }

  private static final long HZ = ProcStats.ticksPerSecond();

  /**
   * RESULT lines also give, by thread, context switches a call / CPU µs a call (the harness keeps them in raw.txt);
   * {@code -Dsbs.threads=false} leaves them out.
   */
  private static final boolean BY_THREAD =
      Boolean.parseBoolean(System.getProperty("sbs.threads", "true"));

  /** CPU ticks and context switches of both JVMs at one instant. */
  private final class Snapshot {
    final long cpuTicks;
    final long userTicks;
    final long switches;
    final Map<String, long[]> byThread = new TreeMap<>();

    Snapshot() throws Exception {
      cpuTicks = ProcStats.cpuTicks(selfPid) + ProcStats.cpuTicks(serverPid);
      userTicks = ProcStats.userTicks(selfPid) + ProcStats.userTicks(serverPid);
      switches = ProcStats.contextSwitches(selfPid) + ProcStats.contextSwitches(serverPid);
      if (BY_THREAD) {
        byThread.putAll(ProcStats.byThread("client", selfPid));
        byThread.putAll(ProcStats.byThread("server", serverPid));
      }
    }
  }

  private static String window(long calls, long nanos, Snapshot s0, Snapshot s1) {
    StringBuilder threads = new StringBuilder();
    if (BY_THREAD) {
      threads.append(" threads=");
      s1.byThread.forEach(
          (name, now) -> {
            long[] before = s0.byThread.getOrDefault(name, new long[2]);
            double switches = (now[0] - before[0]) / (double) Math.max(1, calls);
            double cpuMicros = (now[1] - before[1]) * 1e6 / HZ / Math.max(1, calls);
            if (switches >= 0.005 || cpuMicros >= 0.05) {
              threads.append(String.format(Locale.ROOT, "%s=%.2f/%.1f,", name, switches, cpuMicros));
            }
          });
    }
    return "calls="
        + calls
        + " nanos="
        + nanos
        + " cpuTicks="
        + (s1.cpuTicks - s0.cpuTicks)
        + " userTicks="
        + (s1.userTicks - s0.userTicks)
        + " cs="
        + (s1.switches - s0.switches)
        + threads;
  }

  /** One blocking call number {@code i}, checked. */
  private interface Step {
    void call(int i) throws Exception;
  }

  private String blocking(Step step) throws Exception {
    int i = 0;
    long warmStart = System.nanoTime();
    long elapsed;
    while ((elapsed = System.nanoTime() - warmStart) < warmupNanos
        || (i < minWarmupCalls && elapsed < 4 * warmupNanos)) {
      step.call(i++);
    }
    Latencies latencies = new Latencies();
    Snapshot s0 = new Snapshot();
    long start = System.nanoTime();
    long end = start + measureNanos;
    long t = start;
    long calls = 0;
    while (t - end < 0) {
      step.call(i++);
      long after = System.nanoTime();
      latencies.add(after - t);
      t = after;
      calls++;
    }
    long nanos = t - start;
    Snapshot s1 = new Snapshot();
    return window(calls, nanos, s0, s1)
        + " p50="
        + latencies.percentile(50)
        + " p99="
        + latencies.percentile(99);
  }

  /** W1: sequential blocking {@code add}. */
  String w1() throws Exception {
    return blocking(
        i -> {
          int a = Pipeline.argA(i);
          int b = Pipeline.argB(i);
          int sum = client.add(a, b);
          if (sum != a + b) {
            throw new AssertionError("add(" + a + ", " + b + ") returned " + sum);
          }
        });
  }

  /** W3: sequential blocking echo of 4 KiB, the first bytes changing with every call. */
  String w3() throws Exception {
    byte[] data = new byte[ECHO_BYTES];
    new Random(42).nextBytes(data);
    return blocking(
        i -> {
          data[0] = (byte) i;
          data[1] = (byte) (i >>> 8);
          data[2] = (byte) (i >>> 16);
          byte[] copy = client.echo(data);
          if (copy == data || !Arrays.equals(copy, data)) {
            throw new AssertionError("echo " + i + " returned a different array");
          }
        });
  }

  /**
   * W2: adds kept in flight on one connection by this thread; another thread takes the window's
   * snapshots and stops the run.
   */
  String w2() throws Exception {
    Pipeline pipeline = new Pipeline();
    String[] result = new String[1];
    Exception[] timerFailure = new Exception[1];
    Thread timer =
        new Thread(
            () -> {
              try {
                long warmStart = System.nanoTime();
                TimeUnit.NANOSECONDS.sleep(warmupNanos);
                while (pipeline.completedCount() < minWarmupCalls
                    && System.nanoTime() - warmStart < 4 * warmupNanos
                    && pipeline.running()) {
                  TimeUnit.MILLISECONDS.sleep(20);
                }
                Snapshot s0 = new Snapshot();
                long c0 = pipeline.completedCount();
                long start = System.nanoTime();
                TimeUnit.NANOSECONDS.sleep(measureNanos);
                long c1 = pipeline.completedCount();
                long nanos = System.nanoTime() - start;
                Snapshot s1 = new Snapshot();
                result[0] = window(c1 - c0, nanos, s0, s1);
              } catch (Exception e) {
                timerFailure[0] = e;
              } finally {
                pipeline.stop();
              }
            },
            "w2-timer");
    timer.start();
    try {
      client.pipelined(pipeline);
    } finally {
      pipeline.stop();
      timer.join();
    }
    pipeline.check();
    if (timerFailure[0] != null) {
      throw timerFailure[0];
    }
    return result[0];
  }
}
