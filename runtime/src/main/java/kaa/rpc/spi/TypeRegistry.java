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
   * components and permitted subclasses of the user classes among them. JDK types are allowed only
   * if they are on the built-in list of value types and collections. Idempotent and thread-safe.
   */
  public static void allow(Class<?>... types) {
    AllowList.global().allow(types);
  }
}
