package kaa.rpc.spi;

import kaa.rpc.internal.serial.AllowList;

/**
 * The process-wide part of the serializer's allow-list. Every generated {@code FooRpc} calls
 * {@link #allow} from its static initializer with the classes its interface's signatures name
 * (type arguments, array components and checked exceptions included), so values of those types
 * cross the wire without user set-up.
 */
public final class TypeRegistry {
  private TypeRegistry() {}

  /**
   * Allows {@code types} and, transitively, the types of the fields, record components, array
   * components and permitted subclasses of the classes among them. JDK collections and value types
   * are written by their built-in rules; another concrete {@link java.io.Serializable} JDK class
   * is allowed with Java serialization; other JDK classes stay refused. Idempotent and
   * thread-safe.
   */
  public static void allow(Class<?>... types) {
    AllowList.global().allow(types);
  }
}
