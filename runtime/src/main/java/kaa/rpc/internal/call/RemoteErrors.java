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
 * Turns a {@link RemoteError} back into an exception at the caller: the same class when the caller
 * has it and it is a declared exception, a JDK runtime exception, or a kaa-rpc exception the peer's
 * runtime raised about the call (no such function, bad arguments, serialization, size); otherwise a
 * {@link RemoteException}. The remote stack trace, cause chain and suppressed exceptions are kept.
 * A declared class is made with the generated factory (its {@code (String)} constructor) or else
 * its public {@code (String, Throwable)}, {@code (String)} or no-argument constructor, in that
 * order (with the no-argument one the remote message is lost). Only JDK classes are ever looked up
 * by name here, through the platform class loader, so a peer cannot make this end load its own
 * classes.
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

  /** How to make a throwable of a class, looked up once per class. */
  private record Maker(Constructor<?> constructor, int form) {
    static final int MESSAGE_AND_CAUSE = 0;
    static final int MESSAGE = 1;
    static final int NONE = 2;
  }

  private static final ClassValue<Maker> MAKERS =
      new ClassValue<>() {
        @Override
        protected Maker computeValue(Class<?> type) {
          if (java.lang.reflect.Modifier.isAbstract(type.getModifiers())) {
            return null;
          }
          Class<?>[][] forms = {{String.class, Throwable.class}, {String.class}, {}};
          for (int form = 0; form < forms.length; form++) {
            try {
              Constructor<?> constructor = type.getConstructor(forms[form]);
              // A public constructor of a package-private class: open it where the module allows.
              constructor.trySetAccessible();
              return new Maker(constructor, form);
            } catch (NoSuchMethodException | SecurityException e) {
              // try the next form
            }
          }
          return null;
        }
      };

  private RemoteErrors() {}

  static Throwable rebuild(RemoteError error, List<ExceptionType> declared) {
    return rebuild(error, declared, false);
  }

  /**
   * {@code nested}: a cause or suppressed exception, never thrown to the caller by itself, so any
   * JDK exception (checked ones included) is rebuilt as its own class.
   */
  private static Throwable rebuild(
      RemoteError error, List<ExceptionType> declared, boolean nested) {
    Throwable cause = error.cause() == null ? null : rebuild(error.cause(), List.of(), true);
    Throwable t = create(error, declared, cause, nested);
    t.setStackTrace(error.stackTrace());
    if (cause != null && t.getCause() == null) {
      try {
        t.initCause(cause);
      } catch (IllegalStateException | IllegalArgumentException ignored) {
        // The exception fixed its cause in its constructor; keep that.
      }
    }
    for (RemoteError suppressed : error.suppressed()) {
      t.addSuppressed(rebuild(suppressed, List.of(), true));
    }
    return t;
  }

  private static Throwable create(
      RemoteError error, List<ExceptionType> declared, Throwable cause, boolean nested) {
    String name = error.className();
    String message = error.message();
    for (ExceptionType type : declared) {
      if (type.type().getName().equals(name)) {
        Throwable made = type.factory() != null ? type.factory().apply(message) : null;
        if (made == null) {
          made = instantiate(type.type(), message, cause);
        }
        if (made != null) {
          return made;
        }
      }
    }
    Function<String, RpcException> ours = ABOUT_THE_CALL.get(name);
    if (ours != null) {
      return ours.apply(message);
    }
    Class<?> jdk = jdkClass(name);
    if (jdk != null
        && (nested || RuntimeException.class.isAssignableFrom(jdk) || isDeclared(jdk, declared))) {
      Throwable t = instantiate(jdk, message, cause);
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

  private static Throwable instantiate(Class<?> type, String message, Throwable cause) {
    Maker maker = MAKERS.get(type);
    if (maker == null) {
      return null;
    }
    try {
      switch (maker.form()) {
        case Maker.MESSAGE_AND_CAUSE:
          return (Throwable) maker.constructor().newInstance(message, cause);
        case Maker.MESSAGE:
          return (Throwable) maker.constructor().newInstance(message);
        default:
          return (Throwable) maker.constructor().newInstance();
      }
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return null;
    }
  }
}
