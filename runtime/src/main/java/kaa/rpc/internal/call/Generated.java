package kaa.rpc.internal.call;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import kaa.rpc.Channel;
import kaa.rpc.annotation.Expose;
import kaa.rpc.spi.Dispatcher;

/**
 * Finds the code the annotation processor generated for an interface: {@code p.Outer.Foo} has
 * {@code p.Outer_FooRpc} with static {@code proxy(Channel)} and {@code dispatcher(Foo)}. Looked up
 * once per class (set-up, not per call) and cached.
 */
final class Generated {
  /** This runtime's module: {@code kaa.rpc} on the module path, an unnamed one on the class path. */
  private static final Module RUNTIME = Generated.class.getModule();

  private static final ClassValue<MethodHandle> PROXIES =
      new ClassValue<>() {
        @Override
        protected MethodHandle computeValue(Class<?> type) {
          return factory(type, "proxy", MethodType.methodType(type, Channel.class));
        }
      };

  private static final ClassValue<MethodHandle> DISPATCHERS =
      new ClassValue<>() {
        @Override
        protected MethodHandle computeValue(Class<?> type) {
          return factory(type, "dispatcher", MethodType.methodType(Dispatcher.class, type));
        }
      };

  /** The public static method {@code name} of {@code type}'s generated class, or null. */
  private static MethodHandle factory(Class<?> type, String name, MethodType signature) {
    Class<?> rpc = rpcClass(type);
    if (rpc == null) {
      return null;
    }
    if (!exportedToRuntime(rpc)) {
      return null;
    }
    // A named user module exports the package to us; reading it is ours to add (JPMS lets a
    // module add its own reads edges), so the user need not write "requires" for our sake.
    RUNTIME.addReads(rpc.getModule());
    try {
      return MethodHandles.lookup().findStatic(rpc, name, signature);
    } catch (ReflectiveOperationException e) {
      return null;
    }
  }

  /** Whether the runtime module may use {@code rpc}'s public members: its package is exported. */
  private static boolean exportedToRuntime(Class<?> rpc) {
    return rpc.getModule().isExported(rpc.getPackageName(), RUNTIME);
  }

  private Generated() {}

  /** The name of the generated class for {@code type}. */
  static String rpcClassName(Class<?> type) {
    return type.getName().replace('$', '_') + "Rpc";
  }

  private static Class<?> rpcClass(Class<?> type) {
    if (!type.isInterface()) {
      return null;
    }
    try {
      return Class.forName(rpcClassName(type), true, type.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }

  static <T> T proxy(Class<T> type, Channel channel) {
    MethodHandle factory = PROXIES.get(type);
    if (factory == null) {
      throw new IllegalArgumentException(missing(type));
    }
    try {
      return type.cast(factory.invoke(channel));
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("cannot create proxy for " + type.getName(), t);
    }
  }

  /** The dispatchers for every exposed interface {@code implementation} implements. */
  static List<Dispatcher> dispatchers(Object implementation) {
    if (implementation instanceof Dispatcher) {
      return List.of((Dispatcher) implementation);
    }
    Set<Class<?>> all = new LinkedHashSet<>();
    for (Class<?> c = implementation.getClass(); c != null; c = c.getSuperclass()) {
      collectInterfaces(c, all);
    }
    List<Class<?>> found = new ArrayList<>();
    for (Class<?> type : all) {
      if (DISPATCHERS.get(type) != null) {
        found.add(type);
      }
    }
    // An interface whose sub-interface is also exposed is served by the sub-interface's dispatcher.
    found.removeIf(
        type -> found.stream().anyMatch(other -> other != type && type.isAssignableFrom(other)));
    if (found.isEmpty()) {
      StringBuilder hint = new StringBuilder();
      for (Class<?> type : all) {
        if (type.isAnnotationPresent(Expose.class)) {
          hint.append("; ").append(missing(type));
          break;
        }
      }
      throw new IllegalArgumentException(
          implementation.getClass().getName()
              + " implements no @Expose interface with generated code, and is not a Dispatcher"
              + hint);
    }
    List<Dispatcher> dispatchers = new ArrayList<>();
    for (Class<?> type : found) {
      try {
        dispatchers.add((Dispatcher) DISPATCHERS.get(type).invoke(implementation));
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable t) {
        throw new IllegalStateException("cannot create dispatcher for " + type.getName(), t);
      }
    }
    return dispatchers;
  }

  private static void collectInterfaces(Class<?> type, Set<Class<?>> into) {
    for (Class<?> i : type.getInterfaces()) {
      if (into.add(i)) {
        collectInterfaces(i, into);
      }
    }
  }

  private static String missing(Class<?> type) {
    Class<?> rpc = rpcClass(type);
    if (rpc != null && !exportedToRuntime(rpc)) {
      Module module = rpc.getModule();
      String pkg = rpc.getPackageName();
      return "generated class "
          + rpc.getName()
          + " for "
          + type.getName()
          + " is in package "
          + pkg
          + ", which "
          + module
          + " does not export to "
          + (RUNTIME.isNamed() ? RUNTIME.toString() : "the kaa-rpc runtime")
          + ": add \"exports "
          + pkg
          + (RUNTIME.isNamed() ? " to " + RUNTIME.getName() : "")
          + ";\" to the module-info.java of "
          + module.getName();
    }
    String message =
        "no generated class "
            + rpcClassName(type)
            + " for "
            + type.getName()
            + ": is it annotated @Expose and is kaa-rpc-processor on the annotation processor path?";
    if (type.getModule().isNamed()) {
      message +=
          " (in a named module, also export the package to the runtime: \"exports "
              + type.getPackageName()
              + " to kaa.rpc;\")";
    }
    return message;
  }
}
