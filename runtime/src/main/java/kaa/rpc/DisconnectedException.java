package kaa.rpc;

/**
 * The connection closed, or could not be opened, before the call completed. Calls are at most once: a call that failed this way may or may not have run on the peer, and is never retried silently.
 */
public class DisconnectedException extends RpcException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what went wrong and where. */
  public DisconnectedException(String message) {
    super(message);
  }

  /** Creates the exception with a message and the cause that led to it. */
  public DisconnectedException(String message, Throwable cause) {
    super(message, cause);
  }
}
