package kaa.rpc.internal.serial;

import com.esotericsoftware.kryo.kryo5.util.Pool;

/**
 * The serializer of one server or client: a pool of {@link KryoSession}s sharing its {@link
 * AllowList}. Thread-safe.
 */
public final class Serialization {
  private final AllowList allowList;
  private final Pool<KryoSession> pool;

  /** A serialization using {@code allowList}. */
  public Serialization(AllowList allowList) {
    this.allowList = allowList;
    this.pool =
        new Pool<>(true, false, 256) {
          @Override
          protected KryoSession create() {
            return new KryoSession(allowList);
          }
        };
  }

  /** The allow-list. */
  public AllowList allowList() {
    return allowList;
  }

  /** Borrows a session; give it back with {@link #release}. */
  public KryoSession borrow() {
    return pool.obtain();
  }

  /** Gives back a session borrowed with {@link #borrow}. */
  public void release(KryoSession session) {
    session.afterUse();
    pool.free(session);
  }
}
