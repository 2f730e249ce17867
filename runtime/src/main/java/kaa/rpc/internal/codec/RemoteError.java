package kaa.rpc.internal.codec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An exception as it crosses the wire: class name, message, stack trace, cause and suppressed
 * exceptions, but no object of the remote class.
 */
public record RemoteError(
    String className,
    String message,
    StackTraceElement[] stackTrace,
    RemoteError cause,
    List<RemoteError> suppressed) {

  /** Causes (and levels of suppressed exceptions) deeper than this are cut. */
  static final int MAX_CAUSES = 8;

  /** Stack frames beyond this are cut per exception. */
  static final int MAX_FRAMES = 256;

  /** Exceptions in one error, causes and suppressed ones included, beyond this are cut. */
  static final int MAX_ERRORS = 64;

  /** Copies {@code suppressed}. */
  public RemoteError {
    suppressed = List.copyOf(suppressed);
  }

  /** An error without suppressed exceptions. */
  public RemoteError(
      String className, String message, StackTraceElement[] stackTrace, RemoteError cause) {
    this(className, message, stackTrace, cause, List.of());
  }

  /**
   * The class name and at most {@code maxChars} characters of the message, without stack trace,
   * cause or suppressed exceptions: what still fits in a small frame.
   */
  public RemoteError shrunk(int maxChars) {
    String m = message;
    if (m != null && m.length() > maxChars) {
      m = m.substring(0, maxChars) + "...";
    }
    String name = className.length() > maxChars ? className.substring(0, maxChars) : className;
    return new RemoteError(name, m, new StackTraceElement[0], null);
  }

  /** The wire form of {@code t}. */
  public static RemoteError of(Throwable t) {
    return of(
        t, 0, new int[1], java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
  }

  private static RemoteError of(
      Throwable t, int depth, int[] count, java.util.Set<Throwable> seen) {
    count[0]++;
    seen.add(t);
    Throwable cause = t.getCause();
    RemoteError remoteCause =
        cause == null || seen.contains(cause) || depth >= MAX_CAUSES || count[0] >= MAX_ERRORS
            ? null
            : of(cause, depth + 1, count, seen);
    List<RemoteError> suppressed = new ArrayList<>();
    if (depth < MAX_CAUSES) {
      for (Throwable s : t.getSuppressed()) {
        if (count[0] >= MAX_ERRORS) {
          break;
        }
        if (!seen.contains(s)) {
          suppressed.add(of(s, depth + 1, count, seen));
        }
      }
    }
    String className =
        t instanceof kaa.rpc.RemoteException
            ? ((kaa.rpc.RemoteException) t).remoteClassName()
            : t.getClass().getName();
    String message =
        t instanceof kaa.rpc.RemoteException
            ? ((kaa.rpc.RemoteException) t).remoteMessage()
            : t.getMessage();
    StackTraceElement[] stack = t.getStackTrace();
    if (stack.length > MAX_FRAMES) {
      stack = Arrays.copyOf(stack, MAX_FRAMES);
    }
    return new RemoteError(className, message, stack, remoteCause, suppressed);
  }
}
