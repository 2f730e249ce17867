package kaa.rpc.internal.call;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kaa.rpc.ArgumentMismatchException;
import kaa.rpc.spi.Dispatcher;
import kaa.rpc.spi.FunctionInfo;
import kaa.rpc.spi.ParameterInfo;

/**
 * One exposed function, ready to be called: everything about its parameters is worked out once,
 * when it is connected, so that a call only checks and binds its arguments.
 */
final class Function {
  final Dispatcher dispatcher;
  final int index;
  final FunctionInfo info;
  final Object owner;
  private final String[] names;
  private final Class<?>[] types;
  private final boolean[] primitive;
  private final Map<String, Integer> positions;

  Function(Dispatcher dispatcher, int index, FunctionInfo info, Object owner) {
    this.dispatcher = dispatcher;
    this.index = index;
    this.info = info;
    this.owner = owner;
    List<ParameterInfo> params = info.parameters();
    names = new String[params.size()];
    types = new Class<?>[params.size()];
    primitive = new boolean[params.size()];
    positions = new HashMap<>();
    for (int i = 0; i < names.length; i++) {
      ParameterInfo p = params.get(i);
      names[i] = p.name();
      primitive[i] = p.type().isPrimitive();
      types[i] = box(p.type());
      positions.put(p.name(), i);
    }
  }

  boolean isAsync() {
    return info.kind() == FunctionInfo.Kind.ASYNC;
  }

  /**
   * Checks {@code values} (named by {@code argNames}, or positional if null) against the
   * parameters and returns them in parameter order.
   *
   * @throws ArgumentMismatchException naming the function, the parameter and what was wrong (the
   *     caller adds which call and which peer)
   */
  Object[] bind(Object[] values, String[] argNames) {
    Object[] args;
    if (argNames == null) {
      if (values.length != names.length) {
        throw new ArgumentMismatchException(
            Texts.wrongArgumentCount(signature(), names.length, values.length));
      }
      args = values;
    } else {
      args = new Object[names.length];
      boolean[] seen = new boolean[names.length];
      for (int i = 0; i < argNames.length; i++) {
        Integer pos = argNames[i] == null ? null : positions.get(argNames[i]);
        if (pos == null) {
          throw new ArgumentMismatchException(Texts.noParameterNamed(signature(), argNames[i]));
        }
        if (seen[pos]) {
          throw new ArgumentMismatchException(Texts.givenTwice(signature(), argNames[i]));
        }
        seen[pos] = true;
        args[pos] = values[i];
      }
      for (int i = 0; i < names.length; i++) {
        if (!seen[i]) {
          throw new ArgumentMismatchException(Texts.missingArgument(signature(), names[i]));
        }
      }
    }
    for (int i = 0; i < args.length; i++) {
      Object arg = args[i];
      if (arg == null) {
        if (primitive[i]) {
          throw new ArgumentMismatchException(
              Texts.nullForPrimitive(signature(), names[i], info.parameters().get(i).typeName()));
        }
      } else if (!types[i].isInstance(arg)) {
        throw new ArgumentMismatchException(
            Texts.wrongType(
                signature(),
                names[i],
                info.parameters().get(i).typeName(),
                arg.getClass().getName()));
      }
    }
    return args;
  }

  /** {@code add(a, b)}: the exposed name and parameter names, for messages. */
  String signature() {
    return info.name() + "(" + String.join(", ", names) + ")";
  }

  static Class<?> box(Class<?> type) {
    if (!type.isPrimitive()) {
      return type;
    }
    if (type == int.class) {
      return Integer.class;
    } else if (type == long.class) {
      return Long.class;
    } else if (type == boolean.class) {
      return Boolean.class;
    } else if (type == double.class) {
      return Double.class;
    } else if (type == float.class) {
      return Float.class;
    } else if (type == short.class) {
      return Short.class;
    } else if (type == byte.class) {
      return Byte.class;
    } else if (type == char.class) {
      return Character.class;
    }
    return Void.class;
  }
}
