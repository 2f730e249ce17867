package kaa.rpc.benchmarks.sidebyside;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The side-by-side harness: for each round, for each contender (in an order rotated every round),
 * starts the contender's server in one JVM and its client in another ({@link ServerMain}, {@link
 * ClientMain}, same class path as this JVM), runs the workloads, and at the end prints one table
 * of medians over the rounds.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar kaa.rpc.benchmarks.sidebyside.SideBySide \
 *     [--rounds 3] [--jvm-warmup 3] [--warmup 0.5] [--measure 1.5] [--workloads W1,W2,W3] [--only REGEX] \
 *     [--out DIR] [--jfr DIR] [--jfr-settings JFC] [--jvm-arg ARG]...
 * </pre>
 */
public final class SideBySide {
  private int rounds = 3;
  private double jvmWarmup = 3;
  private double warmup = 0.5;
  private double measure = 1.5;
  private String workloads = "W1,W2,W3";
  private Pattern only = Pattern.compile(".*");
  private Path out = Path.of("benchmarks", "target", "side-by-side");
  private Path jfr;
  private String jfrSettings = "profile";
  private final List<String> jvmArgs =
      new ArrayList<>(List.of("-Xms512m", "-Xmx512m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));

  /** One workload's outcome in one round. */
  private static final class Sample {
    double callsPerSecond;
    double p50Micros = Double.NaN;
    double p99Micros = Double.NaN;
    double cpuMicrosPerCall;
    double switchesPerCall;
  }

  private final Map<Contender, Map<String, List<Sample>>> samples = new EnumMap<>(Contender.class);
  private final Map<Contender, String> notes = new EnumMap<>(Contender.class);
  private final Map<Contender, List<String>> failures = new EnumMap<>(Contender.class);

  private SideBySide() {}

  public static void main(String[] args) throws Exception {
    SideBySide harness = new SideBySide();
    harness.parse(args);
    System.exit(harness.run() ? 0 : 1);
  }

  private void parse(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--rounds":
          rounds = Integer.parseInt(value);
          break;
        case "--jvm-warmup":
          jvmWarmup = Double.parseDouble(value);
          break;
        case "--warmup":
          warmup = Double.parseDouble(value);
          break;
        case "--measure":
          measure = Double.parseDouble(value);
          break;
        case "--workloads":
          workloads = value;
          break;
        case "--only":
          only = Pattern.compile(value);
          break;
        case "--out":
          out = Path.of(value);
          break;
        case "--jfr":
          jfr = Path.of(value);
          break;
        case "--jfr-settings":
          jfrSettings = value;
          break;
        case "--jvm-arg":
          jvmArgs.add(value);
          break;
        default:
          throw new IllegalArgumentException(
              "unknown option " + args[i] + "; options: --rounds N --jvm-warmup S --warmup S --measure S"
                  + " --workloads W1,W2,W3 --only REGEX --out DIR --jfr DIR --jfr-settings JFC"
                  + " --jvm-arg ARG");
      }
      i++;
    }
  }

  private List<Contender> selected() {
    List<Contender> list = new ArrayList<>();
    for (Contender c : Contender.values()) {
      if (only.matcher(c.id).matches()) {
        list.add(c);
      }
    }
    if (list.isEmpty()) {
      throw new IllegalArgumentException("--only " + only + " matches no contender");
    }
    return list;
  }

  private boolean run() throws Exception {
    Files.createDirectories(out.resolve("logs"));
    if (jfr != null) {
      Files.createDirectories(jfr);
    }
    List<Contender> contenders = selected();
    String loadBefore = loadAverage();
    Instant started = Instant.now();
    System.out.printf(
        "side-by-side: %d contenders x %d rounds, %s; JVM warm-up %.1f s, then warm-up %.1f s"
            + " + measured %.1f s a workload%n",
        contenders.size(), rounds, workloads, jvmWarmup, warmup, measure);
    try (PrintStream raw = new PrintStream(out.resolve("raw.txt").toFile(), StandardCharsets.UTF_8)) {
      for (int round = 1; round <= rounds; round++) {
        for (int k = 0; k < contenders.size(); k++) {
          Contender c = contenders.get((k + round - 1) % contenders.size());
          System.out.printf("round %d/%d: %s ...%n", round, rounds, c.id);
          try {
            for (String line : runPair(c, round)) {
              raw.println("round=" + round + " contender=" + c.id + " " + line);
              record(c, line);
            }
          } catch (Exception e) {
            failures.computeIfAbsent(c, x -> new ArrayList<>()).add("round " + round + ": " + e.getMessage());
            System.out.println("  FAILED: " + e.getMessage());
          }
        }
      }
    }
    long seconds = java.time.Duration.between(started, Instant.now()).getSeconds();
    printTable(contenders, loadBefore, loadAverage(), seconds);
    return failures.isEmpty();
  }

  private List<String> command(String mainClass, String role, Contender c, int round) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmArgs);
    cmd.addAll(c.jvmFlags);
    if (jfr != null) {
      cmd.add(
          "-XX:StartFlightRecording=settings="
              + jfrSettings
              + ",filename="
              + jfr.resolve("r" + round + "-" + c.id + "-" + role + ".jfr"));
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(mainClass);
    return cmd;
  }

  /** Runs one server JVM and one client JVM; returns the client's RESULT lines. */
  private List<String> runPair(Contender c, int round) throws Exception {
    String prefix = "r" + round + "-" + c.id;
    File serverLog = out.resolve("logs").resolve(prefix + "-server.log").toFile();
    File clientLog = out.resolve("logs").resolve(prefix + "-client.log").toFile();
    List<String> serverCmd = command(ServerMain.class.getName(), "server", c, round);
    serverCmd.add(c.id);
    Process server = new ProcessBuilder(serverCmd).redirectError(serverLog).start();
    try {
      BufferedReader serverOut =
          new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
      String ready =
          CompletableFuture.supplyAsync(
                  () -> {
                    try {
                      String line;
                      do {
                        line = serverOut.readLine(); // some contenders log to stdout first
                      } while (line != null && !line.startsWith("READY "));
                      return line;
                    } catch (IOException e) {
                      return null;
                    }
                  })
              .get(60, TimeUnit.SECONDS);
      if (ready == null || !ready.startsWith("READY ")) {
        throw new IOException("server did not start (" + ready + "); see " + serverLog + tail(serverLog));
      }
      List<String> clientCmd = command(ClientMain.class.getName(), "client", c, round);
      clientCmd.addAll(
          List.of(
              c.id,
              ready.substring(6),
              Long.toString(server.pid()),
              Double.toString(jvmWarmup),
              Double.toString(warmup),
              Double.toString(measure),
              workloads));
      Process client = new ProcessBuilder(clientCmd).redirectError(clientLog).start();
      long limit = (long) (4 * jvmWarmup + (warmup + measure) * 3 + 120);
      boolean[] killed = new boolean[1];
      CompletableFuture.delayedExecutor(limit, TimeUnit.SECONDS)
          .execute(
              () -> {
                if (client.isAlive()) {
                  killed[0] = true;
                  client.destroyForcibly(); // ends the read below
                }
              });
      List<String> results = new ArrayList<>();
      try (BufferedReader clientOut =
          new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = clientOut.readLine()) != null) {
          if (line.startsWith("RESULT ")) {
            results.add(line.substring(7));
          }
        }
      }
      if (!client.waitFor(30, TimeUnit.SECONDS) || killed[0]) {
        client.destroyForcibly();
        throw new IOException("client did not finish in " + limit + " s; see " + clientLog);
      }
      if (client.exitValue() != 0) {
        throw new IOException("client failed (exit " + client.exitValue() + "); see " + clientLog + tail(clientLog));
      }
      return results;
    } finally {
      server.getOutputStream().close(); // tells the server to stop
      if (!server.waitFor(20, TimeUnit.SECONDS)) {
        server.destroyForcibly().waitFor();
      }
    }
  }

  private static String tail(File log) {
    try {
      List<String> lines = Files.readAllLines(log.toPath(), StandardCharsets.UTF_8);
      return "\n    " + String.join("\n    ", lines.subList(Math.max(0, lines.size() - 12), lines.size()));
    } catch (IOException e) {
      return "";
    }
  }

  private void record(Contender c, String line) {
    String[] words = line.split(" ");
    String workload = words[0];
    Map<String, String> kv = new HashMap<>();
    for (int i = 1; i < words.length; i++) {
      int eq = words[i].indexOf('=');
      if (eq > 0) {
        kv.put(words[i].substring(0, eq), words[i].substring(eq + 1));
      }
    }
    int note = line.indexOf(" note=");
    if (note >= 0) {
      notes.put(c, line.substring(note + 6));
    }
    long calls = Long.parseLong(kv.get("calls"));
    double nanos = Double.parseDouble(kv.get("nanos"));
    double hz = Double.parseDouble(kv.get("hz"));
    Sample s = new Sample();
    s.callsPerSecond = calls / (nanos / 1e9);
    s.cpuMicrosPerCall = Long.parseLong(kv.get("cpuTicks")) / hz * 1e6 / Math.max(1, calls);
    s.switchesPerCall = Long.parseLong(kv.get("cs")) / (double) Math.max(1, calls);
    if (kv.containsKey("p50")) {
      s.p50Micros = Long.parseLong(kv.get("p50")) / 1e3;
      s.p99Micros = Long.parseLong(kv.get("p99")) / 1e3;
    }
    samples.computeIfAbsent(c, x -> new LinkedHashMap<>()).computeIfAbsent(workload, x -> new ArrayList<>()).add(s);
  }

  private interface Metric {
    double of(Sample s);
  }

  private String median(Contender c, String workload, Metric metric, String format) {
    List<Sample> list = samples.getOrDefault(c, Map.of()).get(workload);
    if (list == null || list.isEmpty()) {
      return "–";
    }
    double[] values = list.stream().mapToDouble(metric::of).sorted().toArray();
    int n = values.length;
    double m = n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    return String.format(Locale.ROOT, format, m);
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException e) {
      // fall through
    }
    return "unknown";
  }

  private void printTable(List<Contender> contenders, String loadBefore, String loadAfter, long seconds) {
    StringBuilder t = new StringBuilder();
    t.append(String.format(
        Locale.ROOT,
        "%nMedians of %d rounds; %s; JVM warm-up %.1f s, then warm-up %.1f s + measured %.1f s a"
            + " workload; %d s in all.%n",
        rounds, Instant.now(), jvmWarmup, warmup, measure, seconds));
    t.append(String.format(
        "Machine: %d CPUs, %s; JDK %s (%s); load average %s before, %s after.%n%n",
        Runtime.getRuntime().availableProcessors(), cpuModel(), System.getProperty("java.version"),
        System.getProperty("java.vm.version"), loadBefore, loadAfter));
    t.append("| contender | W1 calls/s | W1 p50 µs | W1 p99 µs | W1 CPU µs a call | W1 cs a call"
        + " | W2 calls/s | W2 CPU µs a call | W2 cs a call"
        + " | W3 calls/s | W3 p50 µs | W3 p99 µs | W3 CPU µs a call |\n");
    t.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Contender c : contenders) {
      t.append("| ").append(c.label)
          .append(" | ").append(median(c, "W1", s -> s.callsPerSecond, "%,.0f"))
          .append(" | ").append(median(c, "W1", s -> s.p50Micros, "%.1f"))
          .append(" | ").append(median(c, "W1", s -> s.p99Micros, "%.1f"))
          .append(" | ").append(median(c, "W1", s -> s.cpuMicrosPerCall, "%.1f"))
          .append(" | ").append(median(c, "W1", s -> s.switchesPerCall, "%.2f"))
          .append(" | ").append(median(c, "W2", s -> s.callsPerSecond, "%,.0f"))
          .append(" | ").append(median(c, "W2", s -> s.cpuMicrosPerCall, "%.1f"))
          .append(" | ").append(median(c, "W2", s -> s.switchesPerCall, "%.2f"))
          .append(" | ").append(median(c, "W3", s -> s.callsPerSecond, "%,.0f"))
          .append(" | ").append(median(c, "W3", s -> s.p50Micros, "%.1f"))
          .append(" | ").append(median(c, "W3", s -> s.p99Micros, "%.1f"))
          .append(" | ").append(median(c, "W3", s -> s.cpuMicrosPerCall, "%.1f"))
          .append(" |\n");
    }
    t.append("\nW2, how each contender keeps calls in flight:\n");
    for (Contender c : contenders) {
      if (notes.containsKey(c)) {
        t.append("- ").append(c.label).append(": ").append(notes.get(c)).append('\n');
      }
    }
    if (!failures.isEmpty()) {
      t.append("\nFAILED:\n");
      failures.forEach((c, list) -> list.forEach(f -> t.append("- ").append(c.id).append(", ").append(f).append('\n')));
    }
    System.out.print(t);
    try {
      Files.writeString(out.resolve("table.md"), t.toString());
    } catch (IOException e) {
      System.err.println("cannot write " + out.resolve("table.md") + ": " + e);
    }
  }
}
