package kaa.rpc;

/**
 * A connection failed over TLS: the TLS handshake failed (an untrusted or mismatched certificate,
 * a client certificate missing where the server requires one), or TLS is on at one end only. The
 * message names the peer and says which. Fails {@link Client#connected()} and the calls queued
 * before it; a reconnecting client keeps trying, as the peer's set-up may change.
 */
public class TlsException extends RpcException {
  private static final long serialVersionUID = 1L;

  /** An exception with {@code message}. */
  public TlsException(String message) {
    super(message);
  }

  /** An exception with {@code message} and its {@code cause}. */
  public TlsException(String message, Throwable cause) {
    super(message, cause);
  }
}
