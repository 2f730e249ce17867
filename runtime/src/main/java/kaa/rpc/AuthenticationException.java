package kaa.rpc;

/**
 * The peer did not prove it knows the shared secret, or rejected ours; the connection is closed. Retrying with the same secret does not help.
 */
public class AuthenticationException extends RpcException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what went wrong and where. */
  public AuthenticationException(String message) {
    super(message);
  }

  /** Creates the exception with a message and the cause that led to it. */
  public AuthenticationException(String message, Throwable cause) {
    super(message, cause);
  }
}
