package kaa.rpc.internal.auth;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The handshake messages and their cryptography. Both ends send HELLO at once. The client then
 * sends a PROOF that it knows the secret, bound to both HELLOs; the server checks it and only then
 * sends its own PROOF, so an unauthenticated client learns nothing computed from the secret, and a
 * client that has checked the server's proof knows the server has accepted it:
 *
 * <pre>
 * HELLO  (44 bytes)  0x01 | "KAAR" | version u16 | role u8 (0 client, 1 server) | max frame u32 | nonce[32]
 * PROOF  (33 bytes)  0x02 | HMAC-SHA256(secret, "kaa-rpc proof " + role | client HELLO | server HELLO)
 * REJECT (2+ bytes)  0x03 | reason u8 | UTF-8 message
 *                    reason: 1 version, 2 secret, 3 protocol, 4 TLS required
 * </pre>
 *
 * The secret never crosses the wire; proofs are compared in constant time; each end's fresh
 * random nonce makes every proof single-use.
 */
public final class Handshake {
  /**
   * The protocol version this end speaks. 2: Locale (id 55) carries its script and extensions, the
   * JDK's immutable lists (ids 56, 57) may hold nulls, an ERROR carries suppressed exceptions, and
   * ids 69 on are new (docs/PROTOCOL.md §8).
   */
  public static final int VERSION = 2;
  /** Frames before authentication are at most this long. */
  public static final int MAX_FRAME = 512;

  static final byte HELLO = 0x01;
  static final byte PROOF = 0x02;
  static final byte REJECT = 0x03;
  static final byte[] MAGIC = {'K', 'A', 'A', 'R'};
  static final int NONCE_BYTES = 32;
  static final int HELLO_BYTES = 1 + 4 + 2 + 1 + 4 + NONCE_BYTES;
  static final int PROOF_BYTES = 1 + 32;

  static final int REJECT_VERSION = 1;
  static final int REJECT_SECRET = 2;
  static final int REJECT_PROTOCOL = 3;
  /** Sent in clear text by a TLS server to a kaa-rpc client that has TLS off. */
  static final int REJECT_TLS = 4;

  static final int ROLE_CLIENT = 0;
  static final int ROLE_SERVER = 1;

  private static final SecureRandom RANDOM = new SecureRandom();

  private Handshake() {}

  /** A HELLO payload (without the frame length) with a fresh nonce. */
  static byte[] hello(int role, int maxFrame) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    byte[] hello = new byte[HELLO_BYTES];
    hello[0] = HELLO;
    System.arraycopy(MAGIC, 0, hello, 1, 4);
    hello[5] = (byte) (VERSION >>> 8);
    hello[6] = (byte) VERSION;
    hello[7] = (byte) role;
    hello[8] = (byte) (maxFrame >>> 24);
    hello[9] = (byte) (maxFrame >>> 16);
    hello[10] = (byte) (maxFrame >>> 8);
    hello[11] = (byte) maxFrame;
    System.arraycopy(nonce, 0, hello, 12, NONCE_BYTES);
    return hello;
  }

  static boolean hasMagic(byte[] hello) {
    return hello.length >= 5
        && hello[1] == MAGIC[0]
        && hello[2] == MAGIC[1]
        && hello[3] == MAGIC[2]
        && hello[4] == MAGIC[3];
  }

  static int version(byte[] hello) {
    return ((hello[5] & 0xff) << 8) | (hello[6] & 0xff);
  }

  static int role(byte[] hello) {
    return hello[7] & 0xff;
  }

  static int maxFrame(byte[] hello) {
    return ((hello[8] & 0xff) << 24)
        | ((hello[9] & 0xff) << 16)
        | ((hello[10] & 0xff) << 8)
        | (hello[11] & 0xff);
  }

  /** The proof that {@code role} knows {@code secret}, bound to both HELLOs. */
  static byte[] proof(byte[] secret, int role, byte[] clientHello, byte[] serverHello) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      mac.update(("kaa-rpc proof " + (role == ROLE_CLIENT ? "client" : "server")).getBytes(StandardCharsets.US_ASCII));
      mac.update(clientHello);
      mac.update(serverHello);
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** Compares proofs in constant time. */
  static boolean matches(byte[] expected, byte[] actual) {
    return MessageDigest.isEqual(expected, actual);
  }

  /** The PROOF message (kind and proof) by which {@code role} proves it knows {@code secret}. */
  static byte[] proofMessage(byte[] secret, int role, byte[] clientHello, byte[] serverHello) {
    byte[] proof = proof(secret, role, clientHello, serverHello);
    byte[] message = new byte[PROOF_BYTES];
    message[0] = PROOF;
    System.arraycopy(proof, 0, message, 1, proof.length);
    return message;
  }

  /** Whether the PROOF message {@code payload} proves that {@code role} knows {@code secret}. */
  static boolean proves(
      byte[] payload, byte[] secret, int role, byte[] clientHello, byte[] serverHello) {
    byte[] expected = proof(secret, role, clientHello, serverHello);
    byte[] actual = new byte[expected.length];
    System.arraycopy(payload, 1, actual, 0, actual.length);
    return matches(expected, actual);
  }

  /** A frame (with its length) holding {@code payload}. */
  static ByteBuf frame(ByteBufAllocator alloc, byte[] payload) {
    ByteBuf buf = alloc.buffer(4 + payload.length);
    buf.writeInt(payload.length).writeBytes(payload);
    return buf;
  }

  /** A REJECT frame. */
  static ByteBuf reject(ByteBufAllocator alloc, int reason, String message) {
    String fitting = message;
    byte[] text = fitting.getBytes(StandardCharsets.UTF_8);
    while (text.length > MAX_FRAME - 2) {
      fitting = fitting.substring(0, fitting.length() / 2); // whole characters only
      text = fitting.getBytes(StandardCharsets.UTF_8);
    }
    int n = text.length;
    ByteBuf buf = alloc.buffer(4 + 2 + n);
    buf.writeInt(2 + n).writeByte(REJECT).writeByte(reason).writeBytes(text, 0, n);
    return buf;
  }
}
