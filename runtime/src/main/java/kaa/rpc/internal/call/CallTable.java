package kaa.rpc.internal.call;

import io.netty.util.collection.IntObjectHashMap;
import java.util.ArrayList;
import java.util.List;

/**
 * Calls by id, for one connection; not thread-safe (used on its event loop). Call ids are
 * sequential, and an open-addressing map indexed by the key's low bits would put a window of them
 * in one long run of slots that every removal scans; mixing the key first (a bijection, so no
 * two ids collide) spreads them over the table.
 */
final class CallTable<T> {
  private final IntObjectHashMap<T> calls = new IntObjectHashMap<>();

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

  void put(int id, T call) {
    calls.put(mix(id), call);
  }

  T get(int id) {
    return calls.get(mix(id));
  }

  T remove(int id) {
    return calls.remove(mix(id));
  }

  boolean isEmpty() {
    return calls.isEmpty();
  }

  /** Removes and returns every call. */
  List<T> removeAll() {
    List<T> all = new ArrayList<>(calls.values());
    calls.clear();
    return all;
  }

  /** The calls, for a sweep; do not change the table while iterating. */
  Iterable<T> values() {
    return calls.values();
  }
}
