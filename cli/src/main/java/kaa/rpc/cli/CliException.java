package kaa.rpc.cli;

import java.util.Objects;

/**
 * A failure {@code kaa-rpc} reports as one line on stderr and ends with {@link #exitCode()}. The
 * cause, if any, is what {@code --verbose} prints a stack trace of.
 */
final class CliException extends Exception {
  private static final long serialVersionUID = 1L;

  private final ExitCode exitCode;

  CliException(ExitCode exitCode, String message) {
    this(exitCode, message, null);
  }

  CliException(ExitCode exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = Objects.requireNonNull(exitCode, "exitCode");
  }

  ExitCode exitCode() {
    return exitCode;
  }
}
