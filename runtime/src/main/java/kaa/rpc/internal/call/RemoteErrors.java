package kaa.rpc.internal.call;

import java.lang.reflect.Constructor;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import kaa.rpc.ArgumentMismatchException;
import kaa.rpc.NoSuchFunctionException;
import kaa.rpc.ProtocolException;
import kaa.rpc.RemoteException;
import kaa.rpc.RpcException;
import kaa.rpc.SerializationException;
import kaa.rpc.internal.codec.RemoteError;
import kaa.rpc.spi.ExceptionType;

/**
 * Turns a {@link RemoteError} back into an exception at the caller: the same class when the
 * caller has it and it is a declared exception, a JDK runtime exception, or a kaa-rpc exception the
 * peer's runtime raised about the call (no such function, bad arguments, serialization, size);
 * otherwise a {@link RemoteException}. The remote stack trace is kept. Only JDK classes are ever
 * looked up by name here, through the platform class loader, so a peer cannot make this end load
 * its own classes.
 */
final class RemoteErrors {
  /**
   * The kaa-rpc exceptions the peer's runtime sends about the call itself, rebuilt as their own
   * class. Others (a timeout or a lost connection of a call the remote function made, say) arrive
   * as {@link RemoteException}, so they cannot be taken for this call's own timeout or loss.
   */
  private static final Map<String, Function<String, RpcException>> ABOUT_THE_CALL =
      Map.of(
          ArgumentMismatchException.class.getName(), ArgumentMismatchException::new,
          NoSuchFunctionException.class.getName(), NoSuchFunctionException::new,
          ProtocolException.class.getName(), ProtocolException::new,
          SerializationException.class.getName(), SerializationException::new);

  /** JDK exception constructors taking a message, looked up once per class. */
  private static final ClassValue<Constructor<?>> MESSAGE_CONSTRUCTORS =
      new ClassValue<>() {
        @Override
        protected Constructor<?> computeValue(Class<?> type) {
          try {
            return type.getConstructor(String.class);
          } catch (NoSuchMethodException e) {
            return null;
          }
        }
      };

  private RemoteErrors() {}

  static Throwable rebuild(RemoteError error, List<ExceptionType> declared) {
    Throwable t = create(error, declared);
    t.setStackTrace(error.stackTrace());
    if (error.cause() != null && t.getCause() == null) {
      try {
        t.initCause(rebuild(error.cause(), List.of()));
      } catch (IllegalStateException | IllegalArgumentException ignored) {
        // The exception fixed its cause in its constructor; keep that.
      }
    }
    return t;
  }

  private static Throwable create(RemoteError error, List<ExceptionType> declared) {
    String name = error.className();
    String message = error.message();
    for (ExceptionType type : declared) {
      if (type.type().getName().equals(name) && type.factory() != null) {
        return type.factory().apply(message);
      }
    }
    Function<String, RpcException> ours = ABOUT_THE_CALL.get(name);
    if (ours != null) {
      return ours.apply(message);
    }
    Class<?> jdk = jdkClass(name);
    if (jdk != null && (RuntimeException.class.isAssignableFrom(jdk) || isDeclared(jdk, declared))) {
      Throwable t = instantiate(jdk, message);
      if (t != null) {
        return t;
      }
    }
    return new RemoteException(name, message);
  }

  private static boolean isDeclared(Class<?> type, List<ExceptionType> declared) {
    for (ExceptionType d : declared) {
      if (d.type().isAssignableFrom(type)) {
        return true;
      }
    }
    return false;
  }

  private static Class<?> jdkClass(String name) {
    if (!name.startsWith("java.") && !name.startsWith("javax.")) {
      return null;
    }
    try {
      Class<?> type = Class.forName(name, false, ClassLoader.getPlatformClassLoader());
      return Throwable.class.isAssignableFrom(type) ? type : null;
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }

  private static Throwable instantiate(Class<?> type, String message) {
    Constructor<?> constructor = MESSAGE_CONSTRUCTORS.get(type);
    if (constructor == null) {
      return null;
    }
    try {
      return (Throwable) constructor.newInstance(message);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
