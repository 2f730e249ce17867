package kaa.rpc.cli;

/** The exit status of {@code kaa-rpc}: one per kind of failure, so scripts can tell them apart. */
enum ExitCode {
  OK(0, "success"),
  INTERNAL(1, "the tool itself failed: no jar for the launcher, a JVM error, a bug"),
  USAGE(2, "usage error: bad option or command, no secret"),
  BAD_ADDRESS(3, "malformed address"),
  UNREACHABLE(4, "connection refused, server unreachable or connection lost"),
  WRONG_SECRET(5, "the server rejected the secret"),
  UNKNOWN_FUNCTION(6, "no such function"),
  BAD_ARGUMENTS(7, "bad arguments: not JSON, or not what the function takes"),
  REMOTE_EXCEPTION(8, "the function threw an exception"),
  TIMEOUT(9, "timed out"),
  RPC_FAILURE(10, "other RPC failure (serialization, protocol)");

  private final int code;
  private final String meaning;

  ExitCode(int code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }

  /** The number the process exits with. */
  int code() {
    return code;
  }

  /** One line for the help text. */
  String meaning() {
    return meaning;
  }
}
