package kaa.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import kaa.rpc.internal.auth.RawPeer;
import kaa.rpc.internal.transport.Addresses;
import org.junit.jupiter.api.Test;

/** A peer that is not kaa-rpc is named so, with what it sent, at either end. */
class WrongPeerTest {
  private static final String SECRET = "correct horse battery staple";
  private static final int HELLO_FRAME_BYTES = 48;

  @Test
  void aClientPointedAtAnHttpServerSaysItIsNotAKaaRpcPeer() throws Exception {
    byte[] response =
        "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);
    try (OneReplyServer http = new OneReplyServer(response);
        Client client = new Client(http.address(), SECRET)) {
      ExecutionException e =
          assertThrows(
              ExecutionException.class, () -> client.connected().get(10, TimeUnit.SECONDS));
      assertInstanceOf(ProtocolException.class, e.getCause());
      assertFalse(e.getCause() instanceof TlsException);
      assertEquals(
          Addresses.describe(http.address())
              + " is not a kaa-rpc peer: it sent \"HTTP/1.1 400 Bad Request\" (an HTTP server?)",
          e.getCause().getMessage());
    }
  }

  @Test
  void aClientWithoutTlsPointedAtATlsServerSaysTls() throws Exception {
    byte[] alert = {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28}; // fatal handshake_failure
    try (OneReplyServer tls = new OneReplyServer(alert);
        Client client = new Client(tls.address(), SECRET)) {
      ExecutionException e =
          assertThrows(
              ExecutionException.class, () -> client.connected().get(10, TimeUnit.SECONDS));
      assertInstanceOf(TlsException.class, e.getCause());
      assertEquals(
          Addresses.describe(tls.address())
              + " is not a kaa-rpc peer: it sent a TLS record (an alert): is TLS on at that end?"
              + " It is off at this end (Options.sslContext)",
          e.getCause().getMessage());
    }
  }

  @Test
  void aTlsClientPointedAtAnHttpsServerSaysItIsNotAKaaRpcPeer() throws Exception {
    byte[] response =
        "HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    try (OneReplyServer https = OneReplyServer.tls(response);
        Client client =
            new Client(
                https.address(),
                SECRET,
                TestCertificates.tls(TestCertificates.client(TestCertificates.CA)))) {
      ExecutionException e =
          assertThrows(
              ExecutionException.class, () -> client.connected().get(10, TimeUnit.SECONDS));
      assertInstanceOf(ProtocolException.class, e.getCause());
      assertEquals(
          Addresses.describe(https.address())
              + " is not a kaa-rpc peer: it sent \"HTTP/1.1 400 Bad Request\" (an HTTP server?)",
          e.getCause().getMessage());
    }
  }

  @Test
  void aServerToldAnHttpRequestSaysSoAndServesOthers() throws Exception {
    try (Server server = new Server("127.0.0.1:0", SECRET)) {
      server.connect(new TestDispatchers.Calculator());
      try (RawPeer peer = new RawPeer(server.address())) {
        peer.sendBytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertNotNull(peer.readFrame()); // the server's HELLO
        String reject = RawPeer.rejectText(peer.readFrame());
        assertNotNull(reject);
        assertTrue(
            reject.endsWith(" is not a kaa-rpc peer: it sent \"GET / HTTP/1.1\" (an HTTP client?)"),
            reject);
        assertTrue(peer.closedByPeer());
      }
      try (Client client = new Client(server.address(), SECRET)) {
        assertEquals(3, client.rpc("add", 1, 2).get(5, TimeUnit.SECONDS));
      }
    }
  }

  @Test
  void aServerWithoutTlsToldATlsClientHelloSaysTls() throws Exception {
    try (Server server = new Server("127.0.0.1:0", SECRET);
        RawPeer peer = new RawPeer(server.address())) {
      peer.sendBytes(
          new byte[] {0x16, 0x03, 0x01, 0x00, (byte) 0xf4, 0x01, 0x00, 0x00, (byte) 0xf0});
      assertNotNull(peer.readFrame()); // the server's HELLO
      String reject = RawPeer.rejectText(peer.readFrame());
      assertNotNull(reject);
      assertTrue(
          reject.endsWith(
              " is not a kaa-rpc peer: it sent a TLS record (a ClientHello): is TLS on at that end?"
                  + " It is off at this end (Options.sslContext)"),
          reject);
      assertTrue(peer.closedByPeer());
    }
  }

  /**
   * A TCP server on loopback that accepts one connection, reads a kaa-rpc HELLO frame's worth of
   * bytes, writes {@code reply}, and closes once the peer has.
   */
  private static final class OneReplyServer implements AutoCloseable {
    private final ServerSocket socket;
    private final Thread thread;

    OneReplyServer(byte[] reply) throws IOException {
      this(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()), reply);
    }

    /** The same over TLS, with {@link TestCertificates#SERVER}. */
    static OneReplyServer tls(byte[] reply) throws Exception {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(TestCertificates.SERVER.toKeyManagerFactory().getKeyManagers(), null, null);
      return new OneReplyServer(
          context
              .getServerSocketFactory()
              .createServerSocket(0, 1, InetAddress.getLoopbackAddress()),
          reply);
    }

    private OneReplyServer(ServerSocket socket, byte[] reply) {
      this.socket = socket;
      thread =
          new Thread(
              () -> {
                try (Socket s = socket.accept()) {
                  InputStream in = s.getInputStream();
                  in.readNBytes(HELLO_FRAME_BYTES);
                  s.getOutputStream().write(reply);
                  s.getOutputStream().flush();
                  if (!(s instanceof SSLSocket)) {
                    s.shutdownOutput();
                  }
                  in.transferTo(java.io.OutputStream.nullOutputStream()); // until the client closes
                } catch (IOException closed) {
                  // the test is over
                }
              },
              "one-reply-server");
      thread.start();
    }

    InetSocketAddress address() {
      return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    @Override
    public void close() throws IOException {
      socket.close();
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
