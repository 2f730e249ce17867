package kaa.rpc;

/**
 * The call did not complete by its deadline: the channel's call timeout ({@link
 * Options.Builder#callTimeout}), or the proxy's own ({@link CallOptions#timeout(java.time.Duration)});
 * the peer was told to cancel it.
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
