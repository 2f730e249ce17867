package kaa.rpc.benchmarks.sidebyside;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time and context switches of whole processes, from Linux's {@code /proc}: {@code utime +
 * stime} of {@code /proc/<pid>/stat} (in clock ticks), and the voluntary plus involuntary context
 * switches of every thread in {@code /proc/<pid>/task/}.
 */
final class ProcStats {
  private ProcStats() {}

  /** A process's user-mode CPU time so far (utime alone), in clock ticks. */
  static long userTicks(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[11]);
  }

  /** A process's user + system CPU time so far, in clock ticks. */
  static long cpuTicks(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    // Fields after the command name, which is in parentheses and may hold spaces.
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // f[0] is field 3 (state); utime is field 14, stime field 15.
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }

  /**
   * Context switches so far, summed over the process's live threads (those of threads that
   * already ended are not counted; the harness's threads live through a whole window).
   */
  static long contextSwitches(long pid) throws IOException {
    long sum = 0;
    try (DirectoryStream<Path> tasks =
        Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path task : tasks) {
        String status;
        try {
          status = Files.readString(task.resolve("status"));
        } catch (IOException e) {
          continue; // the thread ended meanwhile
        }
        for (String line : status.split("\n")) {
          if (line.startsWith("voluntary_ctxt_switches:")
              || line.startsWith("nonvoluntary_ctxt_switches:")) {
            sum += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
          }
        }
      }
    }
    return sum;
  }

  /**
   * Context switches and CPU ticks so far of each live thread of a process, as {@code {switches,
   * ticks}} keyed by {@code role:name}, where name is the thread's name as the kernel knows it (15
   * characters at most, digits replaced by {@code #} so that the threads of one pool add up).
   */
  static Map<String, long[]> byThread(String role, long pid) throws IOException {
    Map<String, long[]> byName = new TreeMap<>();
    try (DirectoryStream<Path> tasks =
        Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path task : tasks) {
        String status;
        String stat;
        try {
          status = Files.readString(task.resolve("status"));
          stat = Files.readString(task.resolve("stat"));
        } catch (IOException e) {
          continue;
        }
        String name = "?";
        long switches = 0;
        for (String line : status.split("\n")) {
          if (line.startsWith("Name:")) {
            name = line.substring(5).trim().replaceAll("[0-9]+", "#").replace(' ', '_');
          } else if (line.startsWith("voluntary_ctxt_switches:")
              || line.startsWith("nonvoluntary_ctxt_switches:")) {
            switches += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
          }
        }
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        long[] sum = byName.computeIfAbsent(role + ":" + name, k -> new long[2]);
        sum[0] += switches;
        sum[1] += ticks;
      }
    }
    return byName;
  }

  /** Clock ticks a second ({@code getconf CLK_TCK}); 100 if that cannot be run. */
  static long ticksPerSecond() {
    try {
      Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).trim();
      if (p.waitFor() == 0) {
        return Long.parseLong(out);
      }
    } catch (IOException | NumberFormatException e) {
      // fall through
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 100;
  }
}
