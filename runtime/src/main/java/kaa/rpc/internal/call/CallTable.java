package kaa.rpc.internal.call;

import io.netty.util.collection.IntObjectHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Calls by id, for one connection; not thread-safe (used on its event loop).
 *
 * <p>Call ids are sequential, so the calls in flight at one time are a window of consecutive ids:
 * a direct-mapped table of {@value #SLOTS} slots indexed by the id's low bits holds a window of up
 * to that many without a collision, and a put, get or remove is one array index and one compare.
 * An id whose slot is taken (a window wider than the table, or ids a peer chose badly) goes to an
 * overflow hash map, made on first use; the overflow's keys are mixed first, so a run of
 * sequential ids does not become one long probe run there. The table is made on the first put, so
 * a connection that makes no calls keeps none.
 */
final class CallTable<T> {
  /** Slots of the direct-mapped table (a power of two). */
  static final int SLOTS = 256;

  private int[] ids;
  private Object[] calls;
  private IntObjectHashMap<T> overflow;
  private int size;

  /** Murmur3's finalizer: a bijection on int that spreads sequential keys. */
  private static int mix(int id) {
    int h = id;
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }

  /** Adds {@code call} under {@code id}, replacing a call already there. */
  void put(int id, T call) {
    if (calls == null) {
      ids = new int[SLOTS];
      calls = new Object[SLOTS];
    }
    int slot = id & (SLOTS - 1);
    Object there = calls[slot];
    if (there != null && ids[slot] == id) {
      calls[slot] = call; // the same id again: replaced
      return;
    }
    T old = overflowed() ? overflow.remove(mix(id)) : null;
    if (there == null) {
      ids[slot] = id;
      calls[slot] = call;
    } else {
      if (overflow == null) {
        overflow = new IntObjectHashMap<>();
      }
      overflow.put(mix(id), call);
    }
    if (old == null) {
      size++;
    }
  }

  /** The call under {@code id}, or null. */
  @SuppressWarnings("unchecked")
  T get(int id) {
    if (size == 0) {
      return null;
    }
    int slot = id & (SLOTS - 1);
    if (calls[slot] != null && ids[slot] == id) {
      return (T) calls[slot];
    }
    return overflowed() ? overflow.get(mix(id)) : null;
  }

  /** Removes and returns the call under {@code id}, or null if there is none. */
  @SuppressWarnings("unchecked")
  T remove(int id) {
    if (size == 0) {
      return null;
    }
    int slot = id & (SLOTS - 1);
    Object there = calls[slot];
    if (there != null && ids[slot] == id) {
      calls[slot] = null;
      size--;
      return (T) there;
    }
    T call = overflowed() ? overflow.remove(mix(id)) : null;
    if (call != null) {
      size--;
    }
    return call;
  }

  private boolean overflowed() {
    return overflow != null && !overflow.isEmpty();
  }

  boolean isEmpty() {
    return size == 0;
  }

  int size() {
    return size;
  }

  /** Removes and returns every call. */
  List<T> removeAll() {
    List<T> all = new ArrayList<>(size);
    forEach(all::add);
    if (calls != null) {
      java.util.Arrays.fill(calls, null);
    }
    if (overflow != null) {
      overflow.clear();
    }
    size = 0;
    return all;
  }

  /** Gives every call to {@code action}, which must not change the table. */
  @SuppressWarnings("unchecked")
  void forEach(Consumer<? super T> action) {
    if (size == 0) {
      return;
    }
    for (Object call : calls) {
      if (call != null) {
        action.accept((T) call);
      }
    }
    if (overflow != null) {
      for (T call : overflow.values()) {
        action.accept(call);
      }
    }
  }
}
