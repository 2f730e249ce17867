package kaa.rpc.internal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ForeignBytesTest {
  @Test
  void anHttpResponseIsQuotedAndGuessed() {
    assertEquals(
        "\"HTTP/1.1 400 Bad Request\" (an HTTP server?)",
        ForeignBytes.describe(ascii("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")));
  }

  @Test
  void anHttpRequestIsQuotedAndGuessed() {
    assertEquals(
        "\"GET / HTTP/1.1\" (an HTTP client?)",
        ForeignBytes.describe(ascii("GET / HTTP/1.1\r\nHost: x\r\n\r\n")));
    assertEquals(
        "\"PRI * HTTP/2.0\" (an HTTP/2 client?)",
        ForeignBytes.describe(ascii("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n")));
  }

  @Test
  void anSshBannerIsGuessed() {
    assertEquals(
        "\"SSH-2.0-OpenSSH_9.6\" (an SSH server?)",
        ForeignBytes.describe(ascii("SSH-2.0-OpenSSH_9.6\r\n")));
  }

  @Test
  void longTextIsCut() {
    String line = "x".repeat(60);
    assertEquals("\"" + "x".repeat(40) + "...\"", ForeignBytes.describe(ascii(line)));
  }

  @Test
  void tlsRecordsAreNamed() {
    byte[] clientHello = {0x16, 0x03, 0x01, 0x00, (byte) 0xf4, 0x01, 0x00, 0x00, (byte) 0xf0};
    byte[] serverHello = {0x16, 0x03, 0x03, 0x00, 0x7a, 0x02, 0x00, 0x00, 0x76};
    byte[] alert = {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28};
    assertTrue(ForeignBytes.isTlsRecord(clientHello));
    assertEquals("a TLS record (a ClientHello)", ForeignBytes.describe(clientHello));
    assertEquals("a TLS record (a ServerHello)", ForeignBytes.describe(serverHello));
    assertEquals("a TLS record (an alert)", ForeignBytes.describe(alert));
    assertFalse(ForeignBytes.isTlsRecord(ascii("HTTP/1.1 200 OK\r\n")));
  }

  @Test
  void aKaaRpcHelloIsRecognised() {
    byte[] frame = new byte[4 + Handshake.HELLO_BYTES];
    frame[3] = (byte) Handshake.HELLO_BYTES;
    System.arraycopy(
        Handshake.hello(Handshake.ROLE_SERVER, 1 << 20), 0, frame, 4, Handshake.HELLO_BYTES);
    assertTrue(ForeignBytes.isHelloFrame(frame));
    assertEquals("a kaa-rpc HELLO", ForeignBytes.describe(frame));
    assertFalse(ForeignBytes.isHelloFrame(ascii("HTTP/1.1 200 OK\r\n")));
  }

  @Test
  void binaryIsShownInHex() {
    assertEquals(
        "bytes 7f ff ff ff 01 02 03",
        ForeignBytes.describe(new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1, 2, 3}));
    assertEquals(
        "bytes 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 ...",
        ForeignBytes.describe(new byte[20]));
    // Text that turns into binary on its first line is not quoted.
    assertEquals("bytes 61 62 63 64 00", ForeignBytes.describe(new byte[] {'a', 'b', 'c', 'd', 0}));
  }

  @Test
  void aKaaRpcFrameBeforeTheHelloIsSaidSo() {
    byte[] call = {0, 0, 0, 6, 0x10, 0, 0, 0, 1, 0};
    assertEquals(
        "bytes 00 00 00 06 10 00 00 00 01 00 (a kaa-rpc frame before the HELLO)",
        ForeignBytes.describe(call));
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
