package kaa.rpc;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static kaa.rpc.TestCertificates.tls;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.pkitesting.X509Bundle;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import kaa.rpc.internal.call.Texts;
import kaa.rpc.internal.transport.Addresses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsTest {
  private static final String SECRET = "correct horse battery staple";

  @Test
  void serverOnlyTlsCarriesCallsOverTcp() throws Exception {
    try (Server server = tlsServer();
        Client client = clientTrusting(server, TestCertificates.CA)) {
      server.connect(new TestDispatchers.Calculator());
      assertEquals(3, client.rpc("add", 1, 2).get(5, TimeUnit.SECONDS));
      assertEquals(
          "x".repeat(100_000), client.rpc("echo", "x".repeat(100_000)).get(5, TimeUnit.SECONDS));
    }
  }

  @Test
  void serverOnlyTlsCarriesCallsOverAUnixSocket(@TempDir Path dir) throws Exception {
    // No host name over a Unix socket: the client checks the certificate chain only.
    String path = dir.resolve("tls.sock").toString();
    try (Server server =
            new Server(path, SECRET, tls(TestCertificates.server(TestCertificates.SERVER)));
        Client client =
            new Client(path, SECRET, tls(TestCertificates.client(TestCertificates.CA)))) {
      server.connect(new TestDispatchers.Calculator());
      assertEquals(3, client.rpc("add", 1, 2).get(5, TimeUnit.SECONDS));
    }
  }

  @Test
  void aReconnectingMutualTlsClientComesBackAfterAServerRestart(@TempDir Path dir)
      throws Exception {
    String path = dir.resolve("restart.sock").toString();
    Options client =
        TestCertificates.tls(TestCertificates.clientWithCertificate()).toBuilder()
            .reconnectInterval(Duration.ofMillis(50))
            .build();
    CountDownLatch lost = new CountDownLatch(1);
    try (Client c = new Client(path, SECRET, client)) {
      c.onDisconnected((ch, why) -> lost.countDown());
      try (Server first = new Server(path, SECRET, tls(TestCertificates.mutualServer()))) {
        first.connect(new TestDispatchers.Calculator());
        assertEquals(3, c.rpc("add", 1, 2).get(5, TimeUnit.SECONDS));
      }
      assertTrue(lost.await(5, TimeUnit.SECONDS));
      CompletableFuture<Object> queued = c.rpc("add", 2, 3);
      try (Server second = new Server(path, SECRET, tls(TestCertificates.mutualServer()))) {
        second.connect(new TestDispatchers.Calculator());
        assertEquals(5, queued.get(5, TimeUnit.SECONDS));
      }
    }
  }

  @Test
  void theSecretIsStillCheckedInsideTls() throws Exception {
    try (Server server = tlsServer();
        Client client =
            new Client(
                server.address(),
                "wrong secret",
                tls(TestCertificates.client(TestCertificates.CA)))) {
      ExecutionException e =
          assertThrows(ExecutionException.class, () -> client.connected().get(5, TimeUnit.SECONDS));
      assertInstanceOf(AuthenticationException.class, e.getCause());
      assertEquals(
          "secret rejected by " + Addresses.describe(server.address()), e.getCause().getMessage());
    }
  }

  @Test
  void mutualTlsAcceptsAClientWithACertificate() throws Exception {
    try (Server server = new Server("127.0.0.1:0", SECRET, tls(TestCertificates.mutualServer()));
        Client client =
            new Client(server.address(), SECRET, tls(TestCertificates.clientWithCertificate()))) {
      server.connect(new TestDispatchers.Calculator());
      assertEquals(3, client.rpc("add", 1, 2).get(5, TimeUnit.SECONDS));
    }
  }

  @Test
  void mutualTlsRefusesAClientWithoutACertificate() throws Exception {
    try (Server server = new Server("127.0.0.1:0", SECRET, tls(TestCertificates.mutualServer()))) {
      server.connect(new TestDispatchers.Calculator());
      try (Client client = clientTrusting(server, TestCertificates.CA)) {
        CompletableFuture<Object> queued = client.rpc("add", 1, 2);
        TlsException e = tlsFailure(client);
        assertTrue(e.getMessage().contains(Addresses.describe(server.address())), e.getMessage());
        assertTrue(e.getMessage().contains("client certificate"), e.getMessage());
        assertQueuedCallFailed(queued, e, server);
      }
      // The server is unharmed.
      try (Client good =
          new Client(server.address(), SECRET, tls(TestCertificates.clientWithCertificate()))) {
        assertEquals(3, good.rpc("add", 1, 2).get(5, TimeUnit.SECONDS));
      }
    }
  }

  @Test
  void anUntrustedServerCertificateIsRefused() throws Exception {
    try (Server server = tlsServer();
        Client client = clientTrusting(server, TestCertificates.OTHER_CA)) {
      CompletableFuture<Object> queued = client.rpc("add", 1, 2);
      TlsException e = tlsFailure(client);
      assertTrue(
          e.getMessage()
              .startsWith("TLS handshake with " + Addresses.describe(server.address()) + " failed"),
          e.getMessage());
      assertTrue(e.getMessage().contains("not trusted"), e.getMessage());
      assertQueuedCallFailed(queued, e, server);
    }
  }

  @Test
  void aServerCertificateForAnotherHostIsRefused() throws Exception {
    try (Server server =
            new Server(
                "127.0.0.1:0",
                SECRET,
                tls(TestCertificates.server(TestCertificates.SERVER_FOR_ANOTHER_HOST)));
        Client client = clientTrusting(server, TestCertificates.CA)) {
      TlsException e = tlsFailure(client);
      assertTrue(e.getMessage().contains(Addresses.describe(server.address())), e.getMessage());
      assertTrue(e.getMessage().contains("does not name the host"), e.getMessage());
    }
  }

  @Test
  void aClientWithoutTlsIsToldTheServerRequiresIt() throws Exception {
    try (Server server = tlsServer();
        Client client = new Client(server.address(), SECRET)) {
      CompletableFuture<Object> queued = client.rpc("add", 1, 2);
      TlsException e = tlsFailure(client);
      assertEquals(
          Addresses.describe(server.address())
              + " requires TLS, and TLS is off at this end (Options.sslContext)",
          e.getMessage());
      assertQueuedCallFailed(queued, e, server);
    }
  }

  @Test
  void aTlsClientIsToldTheServerHasTlsOff() throws Exception {
    try (Server server = new Server("127.0.0.1:0", SECRET);
        Client client = clientTrusting(server, TestCertificates.CA)) {
      TlsException e = tlsFailure(client);
      assertEquals(
          Addresses.describe(server.address())
              + " is not a TLS peer: it sent a kaa-rpc HELLO in clear text: is TLS off at that end?"
              + " It is on at this end (Options.sslContext)",
          e.getMessage());
    }
  }

  @Test
  void anHttpClientInsideTlsIsNotAKaaRpcPeerAndTheServerServesOthers() throws Exception {
    try (Server server = tlsServer()) {
      server.connect(new TestDispatchers.Calculator());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, TestCertificates.CA.toTrustManagerFactory().getTrustManagers(), null);
      InetSocketAddress address = (InetSocketAddress) server.address();
      try (SSLSocket https =
          (SSLSocket)
              context.getSocketFactory().createSocket(address.getAddress(), address.getPort())) {
        https.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(US_ASCII));
        https.getOutputStream().flush();
        // The server's HELLO, then its REJECT naming what it was sent, both inside TLS; then EOF.
        String answer = new String(https.getInputStream().readAllBytes(), US_ASCII);
        assertTrue(
            answer.endsWith(" is not a kaa-rpc peer: it sent \"GET / HTTP/1.1\" (an HTTP client?)"),
            answer);
      }
      try (Client good = clientTrusting(server, TestCertificates.CA)) {
        assertEquals(3, good.rpc("add", 1, 2).get(5, TimeUnit.SECONDS));
      }
    }
  }

  @Test
  void aContextOfTheWrongKindIsRefusedAtOnce() throws Exception {
    Options clientContext = tls(TestCertificates.client(TestCertificates.CA));
    IllegalArgumentException server =
        assertThrows(
            IllegalArgumentException.class, () -> new Server("127.0.0.1:0", SECRET, clientContext));
    assertTrue(server.getMessage().contains("SslContextBuilder.forServer"), server.getMessage());
    Options serverContext = tls(TestCertificates.server(TestCertificates.SERVER));
    IllegalArgumentException client =
        assertThrows(
            IllegalArgumentException.class, () -> new Client("127.0.0.1:1", SECRET, serverContext));
    assertTrue(client.getMessage().contains("SslContextBuilder.forClient"), client.getMessage());
  }

  /** A server on loopback with TLS, presenting {@link TestCertificates#SERVER}. */
  private static Server tlsServer() throws SSLException {
    return new Server("127.0.0.1:0", SECRET, tls(TestCertificates.server(TestCertificates.SERVER)));
  }

  /** A TLS client of {@code server} that trusts {@code authority} and has no certificate. */
  private static Client clientTrusting(Server server, X509Bundle authority) throws SSLException {
    return new Client(server.address(), SECRET, tls(TestCertificates.client(authority)));
  }

  /** A call queued before the TLS failure fails with it: a TlsException, the same words. */
  private static void assertQueuedCallFailed(
      CompletableFuture<Object> queued, TlsException connect, Server server) {
    ExecutionException call =
        assertThrows(ExecutionException.class, () -> queued.get(5, TimeUnit.SECONDS));
    Throwable cause = call.getCause();
    TlsException failure =
        assertInstanceOf(TlsException.class, cause, () -> String.valueOf(cause));
    assertEquals(
        Texts.forCall(
            Texts.closed(connect.getMessage()), "add", Addresses.describe(server.address())),
        failure.getMessage());
  }

  private static TlsException tlsFailure(Client client) {
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> client.connected().get(10, TimeUnit.SECONDS));
    return assertInstanceOf(TlsException.class, e.getCause(), () -> String.valueOf(e.getCause()));
  }
}
