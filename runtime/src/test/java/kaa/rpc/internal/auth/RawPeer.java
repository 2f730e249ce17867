package kaa.rpc.internal.auth;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * A hand-driven client over a blocking socket, for tests that must send what a real client never
 * would: garbage, huge length prefixes, frames before the handshake, another protocol version.
 */
public final class RawPeer implements AutoCloseable {
  private final Closeable socket;
  private final DataInputStream in;
  private final DataOutputStream out;
  private byte[] clientHello;
  private byte[] serverHello;

  /**
   * Connects to a TCP server or, given a {@link UnixDomainSocketAddress}, to a server on a Unix
   * socket. Over TCP a read gives up after 10 s. Over a Unix socket a read has no timeout (bound
   * the test instead), and must not run while another thread writes: the channel's two streams
   * share one lock.
   */
  public RawPeer(SocketAddress address) throws IOException {
    if (address instanceof UnixDomainSocketAddress) {
      SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
      socket = channel;
      try {
        channel.connect(address);
      } catch (IOException e) {
        channel.close();
        throw e;
      }
      in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel)));
      out = new DataOutputStream(Channels.newOutputStream(channel));
      return;
    }
    Socket tcp = new Socket();
    socket = tcp;
    tcp.connect((InetSocketAddress) address, 5000);
    tcp.setSoTimeout(10_000);
    in = new DataInputStream(tcp.getInputStream());
    out = new DataOutputStream(tcp.getOutputStream());
  }

  /** Sends raw bytes. */
  public void sendBytes(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** Sends one frame: length, then payload. */
  public void sendFrame(byte[] payload) throws IOException {
    out.writeInt(payload.length);
    out.write(payload);
    out.flush();
  }

  /** Reads one frame's payload, or null at end of stream. */
  public byte[] readFrame() throws IOException {
    int length;
    try {
      length = in.readInt();
    } catch (java.io.EOFException e) {
      return null;
    }
    byte[] payload = new byte[length];
    in.readFully(payload);
    return payload;
  }

  /** Sends a HELLO with {@code version}; reads the server's HELLO. */
  public byte[] hello(int version, int maxFrame) throws IOException {
    clientHello = Handshake.hello(Handshake.ROLE_CLIENT, maxFrame);
    clientHello[5] = (byte) (version >>> 8);
    clientHello[6] = (byte) version;
    sendFrame(clientHello);
    serverHello = readFrame();
    return serverHello;
  }

  /** Runs the whole handshake as a client with {@code secret}; true if the server accepted. */
  public boolean authenticate(String secret, int maxFrame) throws IOException {
    return authenticate(secret, maxFrame, new byte[0]);
  }

  /**
   * Runs the handshake and sends {@code after} (whole frames, with their lengths) in the same
   * write as the PROOF; true if the server accepted.
   */
  public boolean authenticate(String secret, int maxFrame, byte[] after) throws IOException {
    hello(Handshake.VERSION, maxFrame);
    byte[] secretBytes = secret.getBytes(StandardCharsets.UTF_8);
    byte[] proof = Handshake.proof(secretBytes, Handshake.ROLE_CLIENT, clientHello, serverHello);
    byte[] message = new byte[1 + proof.length];
    message[0] = Handshake.PROOF;
    System.arraycopy(proof, 0, message, 1, proof.length);
    java.io.ByteArrayOutputStream both = new java.io.ByteArrayOutputStream();
    DataOutputStream data = new DataOutputStream(both);
    data.writeInt(message.length);
    data.write(message);
    data.write(after);
    sendBytes(both.toByteArray());
    byte[] serverProof = readFrame();
    return serverProof != null && serverProof[0] == Handshake.PROOF;
  }

  /** The text of a REJECT payload, or null if it is not one. */
  public static String rejectText(byte[] payload) {
    if (payload == null || payload.length < 2 || payload[0] != Handshake.REJECT) {
      return null;
    }
    return new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
  }

  /** True once the server closed the connection (reads until end of stream or timeout). */
  public boolean closedByPeer() {
    try {
      while (in.read() >= 0) {
        // drain whatever the server sent before closing
      }
      return true;
    } catch (IOException e) {
      return e instanceof java.net.SocketException; // reset counts as closed
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
