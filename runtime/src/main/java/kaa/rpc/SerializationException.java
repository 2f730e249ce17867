package kaa.rpc;

/**
 * A value could not be serialized, or the peer sent a class that is not on this end's allow-list; only the call that carried it fails.
 */
public class SerializationException extends RpcException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what went wrong and where. */
  public SerializationException(String message) {
    super(message);
  }

  /** Creates the exception with a message and the cause that led to it. */
  public SerializationException(String message, Throwable cause) {
    super(message, cause);
  }
}
