package kaa.rpc;

/**
 * The peer broke the wire protocol, speaks another protocol version, or a frame exceeds a size limit.
 */
public class ProtocolException extends RpcException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what went wrong and where. */
  public ProtocolException(String message) {
    super(message);
  }

  /** Creates the exception with a message and the cause that led to it. */
  public ProtocolException(String message, Throwable cause) {
    super(message, cause);
  }
}
