package kaa.rpc;

/**
 * The call did not complete within the channel's call timeout ({@link Options.Builder#callTimeout}); the peer was told to cancel it.
 */
public class RpcTimeoutException extends RpcException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what went wrong and where. */
  public RpcTimeoutException(String message) {
    super(message);
  }

  /** Creates the exception with a message and the cause that led to it. */
  public RpcTimeoutException(String message, Throwable cause) {
    super(message, cause);
  }
}
