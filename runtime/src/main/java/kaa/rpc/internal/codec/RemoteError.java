package kaa.rpc.internal.codec;

/**
 * An exception as it crosses the wire: class name, message, stack trace and cause, but no object
 * of the remote class.
 */
public record RemoteError(
    String className, String message, StackTraceElement[] stackTrace, RemoteError cause) {

  /** Causes deeper than this are cut, so a cyclic or absurd chain stays small. */
  static final int MAX_CAUSES = 8;

  /** Stack frames beyond this are cut per exception. */
  static final int MAX_FRAMES = 256;

  /**
   * The class name and at most {@code maxChars} characters of the message, without stack trace or
   * cause: what still fits in a small frame.
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
    return of(t, 0);
  }

  private static RemoteError of(Throwable t, int depth) {
    Throwable cause = t.getCause();
    RemoteError remoteCause =
        cause == null || cause == t || depth >= MAX_CAUSES ? null : of(cause, depth + 1);
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
      stack = java.util.Arrays.copyOf(stack, MAX_FRAMES);
    }
    return new RemoteError(className, message, stack, remoteCause);
  }
}
