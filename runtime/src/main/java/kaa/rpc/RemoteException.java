package kaa.rpc;

/**
 * An exception thrown by the peer's function that cannot be thrown again here as its own class:
 * the class is not declared by the called method, is not a JDK runtime exception, or is not known
 * to this end. It carries the remote class name and message, and its stack trace is the remote one.
 */
public class RemoteException extends RpcException {
  private static final long serialVersionUID = 1L;

  private final String remoteClassName;
  private final String remoteMessage;

  /**
   * Creates the exception for a remote throwable of class {@code remoteClassName} with {@code
   * remoteMessage} (may be null).
   */
  public RemoteException(String remoteClassName, String remoteMessage) {
    super(remoteMessage == null ? remoteClassName : remoteClassName + ": " + remoteMessage);
    this.remoteClassName = remoteClassName;
    this.remoteMessage = remoteMessage;
  }

  /** The binary class name of the exception thrown on the peer, e.g. {@code com.acme.QuotaExceeded}. */
  public String remoteClassName() {
    return remoteClassName;
  }

  /** The message of the exception thrown on the peer, or null if it had none. */
  public String remoteMessage() {
    return remoteMessage;
  }
}
