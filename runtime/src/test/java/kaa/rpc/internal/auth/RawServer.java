package kaa.rpc.internal.auth;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A hand-driven server over a blocking socket that runs the handshake like a real one and then lets
 * a test answer a client's frames with whatever it likes: results no real server would send. Serves
 * one client.
 */
public final class RawServer implements AutoCloseable {
  private final ServerSocket listener;
  private Socket socket;
  private DataInputStream in;
  private DataOutputStream out;

  /** Listens on a free loopback port. */
  public RawServer() throws IOException {
    listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    listener.setSoTimeout(10_000);
  }

  /** Where clients connect: "127.0.0.1:port". */
  public String address() {
    InetSocketAddress a = (InetSocketAddress) listener.getLocalSocketAddress();
    return a.getAddress().getHostAddress() + ":" + a.getPort();
  }

  /** Accepts one client and runs the handshake as a server with {@code secret}. */
  public void acceptAndAuthenticate(String secret, int maxFrame) throws IOException {
    socket = listener.accept();
    socket.setSoTimeout(10_000);
    in = new DataInputStream(socket.getInputStream());
    out = new DataOutputStream(socket.getOutputStream());
    byte[] clientHello = readFrame();
    byte[] serverHello = Handshake.hello(Handshake.ROLE_SERVER, maxFrame);
    sendFrame(serverHello);
    byte[] clientProof = readFrame();
    byte[] secretBytes = secret.getBytes(StandardCharsets.UTF_8);
    byte[] expected = Handshake.proof(secretBytes, Handshake.ROLE_CLIENT, clientHello, serverHello);
    byte[] actual = java.util.Arrays.copyOfRange(clientProof, 1, clientProof.length);
    if (clientProof[0] != Handshake.PROOF || !Handshake.matches(expected, actual)) {
      throw new IOException("the client's proof does not match");
    }
    byte[] proof = Handshake.proof(secretBytes, Handshake.ROLE_SERVER, clientHello, serverHello);
    byte[] message = new byte[1 + proof.length];
    message[0] = Handshake.PROOF;
    System.arraycopy(proof, 0, message, 1, proof.length);
    sendFrame(message);
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

  /** Sends one frame: length, then payload. */
  public void sendFrame(byte[] payload) throws IOException {
    out.writeInt(payload.length);
    out.write(payload);
    out.flush();
  }

  /** True once the client closed the connection (reads until end of stream). */
  public boolean closedByPeer() {
    try {
      while (in.read() >= 0) {
        // drain
      }
      return true;
    } catch (IOException e) {
      return e instanceof java.net.SocketException;
    }
  }

  @Override
  public void close() throws IOException {
    if (socket != null) {
      socket.close();
    }
    listener.close();
  }
}
