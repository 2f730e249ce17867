package kaa.rpc.internal.call;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import kaa.rpc.spi.Dispatcher;
import kaa.rpc.spi.FunctionInfo;

/**
 * The functions exposed on one level (a server, or one channel), by exposed name. Reads are
 * lock-free (an immutable snapshot); {@link #add} and {@link #remove} copy it.
 */
final class FunctionTable {
  /** Names starting with this are the runtime's own. */
  static final String RESERVED_PREFIX = "kaa.";

  private volatile Map<String, Function> functions = Map.of();

  Function get(String name) {
    return functions.get(name);
  }

  Collection<Function> all() {
    return functions.values();
  }

  /**
   * Exposes every function of {@code implementation}.
   *
   * @throws IllegalStateException if a name is taken, naming the function and both classes
   * @throws IllegalArgumentException if {@code implementation} has no generated code
   */
  synchronized void add(Object implementation) {
    Objects.requireNonNull(implementation, "implementation");
    List<Dispatcher> dispatchers = Generated.dispatchers(implementation);
    Map<String, Function> next = new HashMap<>(functions);
    for (Dispatcher dispatcher : dispatchers) {
      List<FunctionInfo> infos = dispatcher.functions();
      for (int i = 0; i < infos.size(); i++) {
        FunctionInfo info = infos.get(i);
        if (info.name().isBlank() || info.name().startsWith(RESERVED_PREFIX)) {
          throw new IllegalArgumentException(
              "cannot expose \"" + info.name() + "\" of " + dispatcher.serviceName()
                  + ": names must not be blank or start with \"" + RESERVED_PREFIX + "\"");
        }
        Function previous = next.get(info.name());
        if (previous != null) {
          throw new IllegalStateException(
              "function \""
                  + info.name()
                  + "\" is already exposed by "
                  + className(previous.owner)
                  + "; "
                  + className(implementation)
                  + " cannot expose it too on the same level");
        }
        next.put(info.name(), new Function(dispatcher, i, info, implementation));
      }
    }
    functions = Map.copyOf(next);
  }

  /** Withdraws every function {@code implementation} exposed; true if there were any. */
  synchronized boolean remove(Object implementation) {
    Map<String, Function> next = new HashMap<>(functions);
    boolean removed = next.values().removeIf(f -> f.owner == implementation);
    if (removed) {
      functions = Map.copyOf(next);
    }
    return removed;
  }

  private static String className(Object o) {
    return o instanceof Dispatcher ? ((Dispatcher) o).serviceName() : o.getClass().getName();
  }
}
