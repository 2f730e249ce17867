package kaa.rpc.benchmarks.sidebyside;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarizes JFR recordings of the harness's JVMs ({@code --jfr DIR}): CPU samples ({@code
 * jdk.ExecutionSample}) by thread and by top frame, the same inclusive for a few call-path
 * methods, and thread parks ({@code jdk.ThreadPark}) by thread.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar kaa.rpc.benchmarks.sidebyside.JfrSummary FILE.jfr [TOP]
 * </pre>
 */
public final class JfrSummary {
  private JfrSummary() {}

  public static void main(String[] args) throws Exception {
    int top = args.length > 1 ? Integer.parseInt(args[1]) : 25;
    List<RecordedEvent> events = RecordingFile.readAllEvents(Path.of(args[0]));
    Map<String, Integer> byThread = new HashMap<>();
    Map<String, Integer> byTopFrame = new HashMap<>();
    Map<String, Integer> byPackage = new HashMap<>();
    Map<String, Integer> parksByThread = new HashMap<>();
    Map<String, Long> parkNanosByThread = new HashMap<>();
    int samples = 0;
    for (RecordedEvent e : events) {
      String type = e.getEventType().getName();
      if (type.equals("jdk.ExecutionSample")) {
        samples++;
        String thread = threadName(e.getThread("sampledThread"));
        byThread.merge(thread, 1, Integer::sum);
        RecordedStackTrace stack = e.getStackTrace();
        if (stack != null && !stack.getFrames().isEmpty()) {
          RecordedFrame frame = stack.getFrames().get(0);
          String method = frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
          byTopFrame.merge(method, 1, Integer::sum);
          byPackage.merge(bucket(stack), 1, Integer::sum);
        }
      } else if (type.equals("jdk.ThreadPark")) {
        String thread = threadName(e.getThread("eventThread"));
        parksByThread.merge(thread, 1, Integer::sum);
        parkNanosByThread.merge(thread, e.getDuration().toNanos(), Long::sum);
      }
    }
    System.out.println(args[0] + ": " + samples + " execution samples");
    print("samples by thread", byThread, samples, top);
    print("samples by top frame", byTopFrame, samples, top);
    print("samples by the first frame of kaa-rpc / Kryo / Netty / JDK I/O found from the top", byPackage, samples, top);
    if (!parksByThread.isEmpty()) {
      System.out.println("thread parks by thread (count, total ms):");
      parksByThread.entrySet().stream()
          .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
          .limit(top)
          .forEach(
              en ->
                  System.out.printf(
                      "  %8d %10.1f  %s%n",
                      en.getValue(), parkNanosByThread.get(en.getKey()) / 1e6, en.getKey()));
    }
  }

  private static String threadName(RecordedThread thread) {
    return thread == null ? "?" : String.valueOf(thread.getJavaName()).replaceAll("[0-9]+", "#");
  }

  /** The first frame from the top that is in an interesting package, as package.Class.method. */
  private static String bucket(RecordedStackTrace stack) {
    for (RecordedFrame f : stack.getFrames()) {
      String type = f.getMethod().getType().getName();
      if (type.startsWith("kaa.rpc.internal") || type.startsWith("kaa.rpc.spi")
          || type.startsWith("com.esotericsoftware.kryo5") || type.startsWith("io.netty.")
          || type.startsWith("sun.nio.ch.") || type.startsWith("java.util.concurrent.")) {
        return type + "." + f.getMethod().getName();
      }
    }
    return "(other)";
  }

  private static void print(String title, Map<String, Integer> counts, int total, int top) {
    System.out.println(title + ":");
    String lines =
        counts.entrySet().stream()
            .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
            .limit(top)
            .map(e -> String.format("  %6d %5.1f%%  %s", e.getValue(), 100.0 * e.getValue() / total, e.getKey()))
            .collect(Collectors.joining("\n"));
    System.out.println(lines);
  }
}
