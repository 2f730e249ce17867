package kaa.rpc;

/**
 * The arguments of a call do not match the parameters of the function on the peer: wrong count, wrong type, an unknown or missing parameter name. The connection stays open.
 */
public class ArgumentMismatchException extends RpcException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what went wrong and where. */
  public ArgumentMismatchException(String message) {
    super(message);
  }

  /** Creates the exception with a message and the cause that led to it. */
  public ArgumentMismatchException(String message, Throwable cause) {
    super(message, cause);
  }
}
