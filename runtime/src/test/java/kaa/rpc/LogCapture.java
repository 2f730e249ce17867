package kaa.rpc;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Captures the lines written to {@code System.err} (where slf4j-simple logs) until closed, and lets
 * a test wait for one. Tests using it must not run in parallel with others.
 */
final class LogCapture implements AutoCloseable {
  private final PrintStream saved = System.err;
  private final List<String> lines = new ArrayList<>();
  private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

  LogCapture() {
    System.setErr(new PrintStream(new LineSink(), true, StandardCharsets.UTF_8));
  }

  /** Waits for a line matching {@code matching}; returns it, or fails the test after 10 s. */
  String await(Predicate<String> matching) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    synchronized (lines) {
      while (true) {
        for (String line : lines) {
          if (matching.test(line)) {
            return line;
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return fail("no such line in:\n" + String.join("\n", lines));
        }
        lines.wait(Math.max(1, left / 1_000_000));
      }
    }
  }

  /** Waits for a line containing {@code text}. */
  String await(String text) throws InterruptedException {
    return await(line -> line.contains(text));
  }

  /** The lines so far. */
  List<String> lines() {
    synchronized (lines) {
      return List.copyOf(lines);
    }
  }

  /** The lines so far that match {@code matching}. */
  List<String> lines(Predicate<String> matching) {
    return lines().stream().filter(matching).toList();
  }

  @Override
  public void close() {
    System.setErr(saved);
  }

  private final class LineSink extends OutputStream {
    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      synchronized (lines) {
        for (int i = off; i < off + len; i++) {
          if (b[i] == '\n') {
            lines.add(partial.toString(StandardCharsets.UTF_8));
            partial.reset();
          } else if (b[i] != '\r') {
            partial.write(b[i]);
          }
        }
        lines.notifyAll();
      }
      saved.write(b, off, len); // still shown in the test output
    }
  }
}
