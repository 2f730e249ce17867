package kaa.rpc.internal.serial;

/**
 * The serializer of one server or client: {@link KryoSession}s sharing its {@link AllowList}, one
 * per thread that uses it. Kryo is not thread-safe and costly to make, and a shared pool costs
 * locks on every message; a session per thread costs neither, and the threads that encode and
 * decode (callers, I/O threads, the call executor) are few and long-lived. Thread-safe.
 */
public final class Serialization {
  private final AllowList allowList;
  private final ThreadLocal<KryoSession> sessions;

  /** A serialization using {@code allowList}. */
  public Serialization(AllowList allowList) {
    this.allowList = allowList;
    this.sessions = ThreadLocal.withInitial(() -> new KryoSession(allowList));
  }

  /** Borrows this thread's session; give it back with {@link #release}. */
  public KryoSession borrow() {
    KryoSession session = sessions.get();
    if (session.inUse) {
      return new KryoSession(allowList); // re-entered on this thread: never shared
    }
    session.inUse = true;
    return session;
  }

  /** Gives back a session borrowed with {@link #borrow}. */
  public void release(KryoSession session) {
    session.afterUse();
    session.inUse = false;
  }
}
