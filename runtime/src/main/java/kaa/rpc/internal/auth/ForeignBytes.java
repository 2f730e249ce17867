package kaa.rpc.internal.auth;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Says what a peer that does not speak kaa-rpc sent first, for an error message: the start of its
 * byte stream (length prefix included) is recognised as a TLS record, an HTTP request or response,
 * an SSH banner, other text, or shown as hex.
 */
final class ForeignBytes {
  /** At most this many characters of text are quoted. */
  private static final int QUOTED_CHARS = 40;

  /** At most this many bytes are shown in hex. */
  private static final int HEX_BYTES = 16;

  private static final List<String> HTTP_METHODS =
      List.of(
          "GET ", "POST ", "PUT ", "HEAD ", "DELETE ", "OPTIONS ", "PATCH ", "CONNECT ", "TRACE ");

  private ForeignBytes() {}

  /**
   * True if {@code head} starts with a TLS record header: content type 20 to 23 and protocol
   * version 3.x (SSL 3.0 to TLS 1.3, whose records all say 3.1 to 3.4 or 3.0).
   */
  static boolean isTlsRecord(byte[] head) {
    return head.length >= 3
        && head[0] >= 20
        && head[0] <= 23
        && head[1] == 3
        && head[2] >= 0
        && head[2] <= 4;
  }

  /** True if {@code head} starts with a kaa-rpc HELLO frame (length 44, kind, magic). */
  static boolean isHelloFrame(byte[] head) {
    if (head.length < 9) {
      return false;
    }
    byte[] expected = {0, 0, 0, Handshake.HELLO_BYTES, Handshake.HELLO};
    for (int i = 0; i < expected.length; i++) {
      if (head[i] != expected[i]) {
        return false;
      }
    }
    for (int i = 0; i < Handshake.MAGIC.length; i++) {
      if (head[5 + i] != Handshake.MAGIC[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * What {@code head} is, as the object of "it sent ...": {@code a TLS record (a ClientHello)},
   * {@code "HTTP/1.1 400 Bad Request" (an HTTP server?)}, {@code bytes 00 00 00 05 68 65 ...}.
   */
  static String describe(byte[] head) {
    if (isTlsRecord(head)) {
      return "a TLS record (" + tlsContent(head) + ")";
    }
    if (isHelloFrame(head)) {
      return "a kaa-rpc HELLO";
    }
    String line = firstLine(head);
    if (line != null) {
      return "\"" + line + "\"" + guess(line);
    }
    StringBuilder hex = new StringBuilder("bytes");
    for (int i = 0; i < Math.min(head.length, HEX_BYTES); i++) {
      hex.append(' ').append(Character.forDigit((head[i] >> 4) & 0xf, 16));
      hex.append(Character.forDigit(head[i] & 0xf, 16));
    }
    if (head.length > HEX_BYTES) {
      hex.append(" ...");
    }
    if (isKaaFrame(head)) {
      hex.append(" (a kaa-rpc frame before the HELLO)");
    }
    return hex.toString();
  }

  /** A frame of a handshake size holding a PROOF or a message of the call phase. */
  private static boolean isKaaFrame(byte[] head) {
    if (head.length < 5 || head[0] != 0 || head[1] != 0 || (head[2] & 0xff) > 1) {
      return false;
    }
    int kind = head[4] & 0xff;
    return kind == Handshake.PROOF || (kind >= 0x10 && kind <= 0x14);
  }

  private static String tlsContent(byte[] head) {
    switch (head[0]) {
      case 20:
        return "change cipher spec";
      case 21:
        return "an alert";
      case 22:
        if (head.length >= 6 && head[5] == 1) {
          return "a ClientHello";
        }
        return head.length >= 6 && head[5] == 2 ? "a ServerHello" : "a handshake message";
      default:
        return "application data";
    }
  }

  /**
   * The printable ASCII text {@code head} starts with, up to its first line break and at most
   * {@value #QUOTED_CHARS} characters (then followed by "..."); null unless {@code head} starts
   * with at least four printable characters and holds nothing but text.
   */
  private static String firstLine(byte[] head) {
    int end = 0;
    while (end < head.length && head[end] >= 0x20 && head[end] < 0x7f) {
      end++;
    }
    boolean lineEnds = end < head.length && (head[end] == '\r' || head[end] == '\n');
    if (end < 4 || (end < head.length && !lineEnds)) {
      return null;
    }
    String text = new String(head, 0, Math.min(end, QUOTED_CHARS), StandardCharsets.US_ASCII);
    return end > QUOTED_CHARS ? text + "..." : text;
  }

  private static String guess(String line) {
    if (line.startsWith("HTTP/")) {
      return " (an HTTP server?)";
    }
    if (line.startsWith("PRI * HTTP/2")) {
      return " (an HTTP/2 client?)";
    }
    for (String method : HTTP_METHODS) {
      if (line.startsWith(method)) {
        return " (an HTTP client?)";
      }
    }
    if (line.startsWith("SSH-")) {
      return " (an SSH server?)";
    }
    return "";
  }
}
