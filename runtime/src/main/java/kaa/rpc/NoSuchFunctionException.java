package kaa.rpc;

/**
 * The peer exposes no function under the name that was called. The connection stays open.
 */
public class NoSuchFunctionException extends RpcException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what went wrong and where. */
  public NoSuchFunctionException(String message) {
    super(message);
  }

  /** Creates the exception with a message and the cause that led to it. */
  public NoSuchFunctionException(String message, Throwable cause) {
    super(message, cause);
  }
}
