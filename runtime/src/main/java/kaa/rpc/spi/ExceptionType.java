package kaa.rpc.spi;

import java.util.Objects;
import java.util.function.Function;

/**
 * A checked exception declared by a remote method, and how to make one from a message, so the
 * proxy can throw a remote failure again as the declared class without reflection.
 *
 * @param type the declared exception class
 * @param factory makes an instance from the remote message (which may be null), or null if the
 *     class has no public constructor taking a {@code String}; then the failure arrives as a
 *     {@link kaa.rpc.RemoteException}
 */
public record ExceptionType(
    Class<? extends Throwable> type, Function<String, ? extends Throwable> factory) {
  /** Validates the type. */
  public ExceptionType {
    Objects.requireNonNull(type, "type");
  }
}
