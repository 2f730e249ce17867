package kaa.rpc;

/**
 * The root of every exception kaa-rpc raises about calls and connections. It is unchecked: a
 * remote call can fail for reasons the caller's signature does not declare (the connection is lost,
 * the call times out), and those failures arrive as subclasses of this type.
 *
 * <p>Messages name the peer address, the function and the numbers involved.
 */
public class RpcException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what went wrong and where. */
  public RpcException(String message) {
    super(message);
  }

  /** Creates the exception with a message and the cause that led to it. */
  public RpcException(String message, Throwable cause) {
    super(message, cause);
  }
}
