package kaa.rpc.internal.auth;

import io.netty.handler.ssl.NotSslRecordException;
import java.nio.channels.ClosedChannelException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kaa.rpc.DisconnectedException;
import kaa.rpc.RpcException;
import kaa.rpc.TlsException;
import kaa.rpc.internal.transport.FrameDecoder;

/**
 * Turns what Netty's TLS handler reports (a failed TLS handshake, an alert, bytes that are not TLS)
 * into the exception a user sees: one that names the peer, says TLS, and hints at the usual
 * certificate mistakes.
 */
final class TlsFailure {
  /** Where users set TLS, for messages. */
  static final String OPTION = "Options.sslContext";

  /** The hex dump in Netty's message for bytes that are not a TLS record. */
  private static final Pattern NOT_TLS_HEX = Pattern.compile("record: ([0-9a-fA-F]+)");

  private TlsFailure() {}

  /** True if the peer sent a kaa-rpc HELLO in clear text where TLS was expected. */
  static boolean isPlainHello(Throwable cause) {
    byte[] head = notTlsBytes(cause);
    return head != null && ForeignBytes.isHelloFrame(head);
  }

  /** Why the connection to {@code peer} failed, from this end's ({@code client} or server) view. */
  static RpcException reason(Throwable cause, String peer, boolean client) {
    if (cause instanceof ClosedChannelException) {
      return new DisconnectedException(
          "connection to " + peer + " closed during the TLS handshake");
    }
    if (cause instanceof NotSslRecordException) {
      byte[] head = notTlsBytes(cause);
      if (head != null && ForeignBytes.isHelloFrame(head)) {
        return new TlsException(
            peer
                + " is not a TLS peer: it sent a kaa-rpc HELLO in clear text:"
                + " is TLS off at that end? It is on at this end ("
                + OPTION
                + ")");
      }
      return new TlsException(
          peer
              + " is not a TLS peer: it sent "
              + (head == null ? "bytes that are not TLS" : ForeignBytes.describe(head)));
    }
    String why = String.valueOf(cause.getMessage());
    return new TlsException(
        "TLS handshake with " + peer + " failed: " + why + hint(why, client), cause);
  }

  /** A hint for the usual certificate mistakes. */
  private static String hint(String why, boolean client) {
    if (!client) {
      return why.contains("Empty client certificate chain")
          ? " (this server requires a client certificate)"
          : "";
    }
    if (why.contains("PKIX") || why.contains("certification path")) {
      return " (the server's certificate is not trusted: give the client's SslContextBuilder a"
          + " trustManager holding the certificate authority that signed it)";
    }
    if (why.contains("No subject alternative") || why.contains("No name matching")) {
      return " (the server's certificate does not name the host this client dialed)";
    }
    if (why.contains("certificate_required") || why.contains("bad_certificate")) {
      return " (does the server require a client certificate it trusts? give the client's"
          + " SslContextBuilder a keyManager)";
    }
    return "";
  }

  /** The bytes Netty reports a peer sent that are not TLS (from its message), or null. */
  private static byte[] notTlsBytes(Throwable cause) {
    if (!(cause instanceof NotSslRecordException)) {
      return null;
    }
    Matcher hex = NOT_TLS_HEX.matcher(String.valueOf(cause.getMessage()));
    if (!hex.find()) {
      return null;
    }
    String digits = hex.group(1);
    int n = Math.min(digits.length() / 2, FrameDecoder.REFUSED_BYTES_KEPT);
    byte[] bytes = new byte[n];
    for (int i = 0; i < n; i++) {
      bytes[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
    }
    return bytes;
  }
}
