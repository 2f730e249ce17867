package kaa.rpc.internal.auth;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLException;
import kaa.rpc.AuthenticationException;
import kaa.rpc.DisconnectedException;
import kaa.rpc.ProtocolException;
import kaa.rpc.RpcException;
import kaa.rpc.TlsException;
import kaa.rpc.internal.transport.FrameDecoder;

/**
 * Says why a handshake failed: the exception for each way it can go wrong, and the REJECT reason
 * to send the peer. Each {@code peer} is the peer's address as shown in messages.
 */
final class HandshakeFailures {
  private HandshakeFailures() {}

  /**
   * A failure: {@code reason} for this end, and the REJECT reason to send the peer, 0 to send
   * none.
   */
  record Refusal(RpcException reason, int rejectReason) {}

  /** The TLS handshake ({@code tlsPending}) or ours did not end within {@code timeout}. */
  static Refusal timedOut(boolean tlsPending, String peer, Duration timeout) {
    if (tlsPending) {
      return new Refusal(
          new TlsException(
              "TLS handshake with "
                  + peer
                  + " timed out after "
                  + timeout.toMillis()
                  + " ms: is TLS on at that end?"),
          0);
    }
    return new Refusal(
        new ProtocolException(
            "handshake with " + peer + " timed out after " + timeout.toMillis() + " ms"),
        Handshake.REJECT_PROTOCOL);
  }

  /** The peer refused us with the REJECT {@code payload} (kind, reason, UTF-8 text). */
  static RpcException rejectedBy(byte[] payload, String peer) {
    String text = new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
    switch (payload[1]) {
      case Handshake.REJECT_SECRET:
        return new AuthenticationException("secret rejected by " + peer);
      case Handshake.REJECT_VERSION:
        return new ProtocolException(peer + " refused the protocol version: " + text);
      case Handshake.REJECT_TLS:
        return new TlsException(
            peer + " requires TLS, and TLS is off at this end (" + TlsFailure.OPTION + ")");
      default:
        return new ProtocolException(peer + " refused the handshake: " + text);
    }
  }

  /**
   * Checks the peer's first frame, {@code payload}, is a HELLO this end ({@code client} or not)
   * can accept; returns why not, or null if it is.
   */
  static Refusal checkHello(byte[] payload, boolean client, String peer) {
    byte kind = payload[0];
    if (kind != Handshake.HELLO || !Handshake.hasMagic(payload)) {
      byte[] head = new byte[4 + Math.min(payload.length, FrameDecoder.REFUSED_BYTES_KEPT - 4)];
      head[0] = (byte) (payload.length >>> 24);
      head[1] = (byte) (payload.length >>> 16);
      head[2] = (byte) (payload.length >>> 8);
      head[3] = (byte) payload.length;
      System.arraycopy(payload, 0, head, 4, head.length - 4);
      return notAPeer(head, peer);
    }
    if (payload.length < 7 || Handshake.version(payload) != Handshake.VERSION) {
      int version = payload.length < 7 ? -1 : Handshake.version(payload);
      return new Refusal(
          new ProtocolException(
              peer
                  + " speaks kaa-rpc protocol version "
                  + version
                  + "; this end speaks version "
                  + Handshake.VERSION),
          Handshake.REJECT_VERSION);
    }
    int expectedRole = client ? Handshake.ROLE_SERVER : Handshake.ROLE_CLIENT;
    if (payload.length == Handshake.HELLO_BYTES
        && (Handshake.maxFrame(payload) < kaa.rpc.Options.MIN_MAX_FRAME_BYTES)) {
      return new Refusal(
          new ProtocolException(
              peer
                  + " announced a maximum frame of "
                  + Integer.toUnsignedString(Handshake.maxFrame(payload))
                  + " bytes; it must be between "
                  + kaa.rpc.Options.MIN_MAX_FRAME_BYTES
                  + " and "
                  + Integer.MAX_VALUE),
          Handshake.REJECT_PROTOCOL);
    }
    if (payload.length != Handshake.HELLO_BYTES || Handshake.role(payload) != expectedRole) {
      return new Refusal(
          new ProtocolException(
              "malformed HELLO from "
                  + peer
                  + " (or both ends are "
                  + (client ? "clients" : "servers")
                  + ")"),
          Handshake.REJECT_PROTOCOL);
    }
    return null;
  }

  /** The peer's first bytes, {@code head} (length prefix included), are not a HELLO. */
  static Refusal notAPeer(byte[] head, String peer) {
    String message = peer + " is not a kaa-rpc peer: it sent " + ForeignBytes.describe(head);
    if (ForeignBytes.isTlsRecord(head)) {
      // Decrypted records never get here: TLS is off at this end.
      return new Refusal(
          new TlsException(
              message
                  + ": is TLS on at that end? It is off at this end ("
                  + TlsFailure.OPTION
                  + ")"),
          Handshake.REJECT_PROTOCOL);
    }
    return new Refusal(new ProtocolException(message), Handshake.REJECT_PROTOCOL);
  }

  /** After its HELLO the peer sent something other than the PROOF expected. */
  static Refusal unexpectedFrame(String peer) {
    return new Refusal(
        new ProtocolException("unexpected frame from " + peer + " during the handshake"),
        Handshake.REJECT_PROTOCOL);
  }

  /** The peer's PROOF does not match the secret of this end ({@code client} or not). */
  static Refusal wrongProof(boolean client, String peer) {
    return new Refusal(
        new AuthenticationException(
            client ? "secret rejected by " + peer : "wrong secret from " + peer),
        Handshake.REJECT_SECRET);
  }

  /** The connection closed before the handshake ended; {@code beforeHello}: before any HELLO. */
  static DisconnectedException closed(String peer, boolean beforeHello) {
    return new DisconnectedException(
        "connection to "
            + peer
            + " closed during the handshake"
            + (beforeHello ? ", before it sent a HELLO" : ""));
  }

  /** Decoding a handshake frame failed with {@code cause}. */
  static Refusal badFrame(String peer, Throwable cause) {
    return new Refusal(
        new ProtocolException("bad handshake from " + peer + ": " + cause.getMessage()),
        Handshake.REJECT_PROTOCOL);
  }

  /** The first {@link SSLException} in {@code cause}'s chain, or null. */
  static SSLException sslException(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof SSLException) {
        return (SSLException) t;
      }
    }
    return null;
  }
}
