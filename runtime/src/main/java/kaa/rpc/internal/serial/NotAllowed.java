package kaa.rpc.internal.serial;

/** Finds an allow-list refusal inside a Kryo failure. */
public final class NotAllowed {
  private NotAllowed() {}

  /** The refused class name if {@code failure} (or a cause) is an allow-list refusal, else null. */
  public static String className(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof AllowListClassResolver.NotAllowedException) {
        return ((AllowListClassResolver.NotAllowedException) t).className;
      }
    }
    return null;
  }
}
