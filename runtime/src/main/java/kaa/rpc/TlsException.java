package kaa.rpc;

/**
 * A connection failed over TLS: the TLS handshake failed (an untrusted certificate, one that does
 * not name the host dialed, a client certificate missing where the server requires one), or TLS is
 * on at one end only. The message names the peer and says which. Fails {@link Client#connected()};
 * the calls queued before it fail with a {@link ProtocolException} that carries the same message. A
 * reconnecting client keeps trying, as the peer's set-up may change.
 */
public class TlsException extends ProtocolException {
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
