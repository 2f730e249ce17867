package kaa.rpc;

import static kaa.rpc.TestCertificates.tls;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import kaa.rpc.internal.auth.RawPeer;
import kaa.rpc.internal.transport.Addresses;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * What kaa-rpc logs about connections: INFO for a server listening and closing, WARN (one line) for
 * a rejected peer, DEBUG for connects, accepted connections and handshakes, nothing per call above
 * TRACE. Runs in the surefire execution "logging", which sets kaa.rpc to DEBUG.
 */
class ConnectionLoggingTest {
  private static final String SECRET = "correct horse battery staple";
  private static final String SERVER_LOG = " kaa.rpc.internal.endpoint.ServerRuntime - ";
  private static final String HANDSHAKE_LOG = " kaa.rpc.internal.auth.HandshakeHandler - ";

  @BeforeEach
  void kaaRpcLogsAtDebug() {
    assumeTrue(
        LoggerFactory.getLogger("kaa.rpc.internal.auth.HandshakeHandler").isDebugEnabled(),
        "runs in the surefire execution 'logging', with kaa.rpc at DEBUG");
  }

  @Test
  void aServerLogsListeningAndClosingAtInfo() throws Exception {
    try (LogCapture log = new LogCapture()) {
      String address;
      try (Server server = new Server("127.0.0.1:0", SECRET)) {
        address = Addresses.describe(server.address());
        log.await("INFO" + SERVER_LOG + "listening on " + address + " (no TLS)");
      }
      log.await("INFO" + SERVER_LOG + "closed the server on " + address);
    }
  }

  @Test
  void connectsAndHandshakesAreLoggedAtDebugWithVersionAndTls() throws Exception {
    try (LogCapture log = new LogCapture();
        Server server =
            new Server(
                "127.0.0.1:0", SECRET, tls(TestCertificates.server(TestCertificates.SERVER)));
        Client client =
            new Client(
                server.address(), SECRET, tls(TestCertificates.client(TestCertificates.CA)))) {
      String address = Addresses.describe(server.address());
      log.await("INFO" + SERVER_LOG + "listening on " + address + " (TLS)");
      client.connected().get(5, TimeUnit.SECONDS);
      log.await("DEBUG kaa.rpc.internal.endpoint.ClientConnector - connected to " + address);
      log.await(
          line ->
              line.contains("DEBUG" + HANDSHAKE_LOG + "accepted connection from 127.0.0.1:")
                  && line.endsWith(" (TLS)"));
      log.await(
          line ->
              line.contains("DEBUG" + HANDSHAKE_LOG + "authenticated client 127.0.0.1:")
                  && line.contains(" (kaa-rpc protocol 1, TLSv1."));
      log.await(
          "DEBUG"
              + HANDSHAKE_LOG
              + "authenticated server "
              + address
              + " (kaa-rpc protocol 1, TLSv1.");
    }
  }

  @Test
  void aPlainHandshakeSaysNoTls() throws Exception {
    try (LogCapture log = new LogCapture();
        Server server = new Server("127.0.0.1:0", SECRET);
        Client client = new Client(server.address(), SECRET)) {
      client.connected().get(5, TimeUnit.SECONDS);
      log.await(
          "authenticated server "
              + Addresses.describe(server.address())
              + " (kaa-rpc protocol 1, no TLS)");
    }
  }

  @Test
  void callsLogNothingAboveTrace() throws Exception {
    try (LogCapture log = new LogCapture();
        Server server = new Server("127.0.0.1:0", SECRET);
        Client client = new Client(server.address(), SECRET)) {
      server.connect(new TestDispatchers.Calculator());
      client.connected().get(5, TimeUnit.SECONDS);
      log.await("authenticated client");
      int before = log.lines().size();
      for (int i = 0; i < 50; i++) {
        assertEquals(i + 1, client.rpc("add", i, 1).get(5, TimeUnit.SECONDS));
      }
      List<String> during = log.lines().subList(before, log.lines().size());
      assertTrue(
          during.stream().filter(line -> line.contains(" kaa.rpc.")).count() < 5,
          "lines logged during 50 calls:\n" + String.join("\n", during));
    }
  }

  @Test
  void aTlsMismatchIsOneWarnLineOnTheServer() throws Exception {
    try (LogCapture log = new LogCapture()) {
      try (Server server =
              new Server(
                  "127.0.0.1:0", SECRET, tls(TestCertificates.server(TestCertificates.SERVER)));
          Client plain = new Client(server.address(), SECRET)) {
        assertThrows(ExecutionException.class, () -> plain.connected().get(5, TimeUnit.SECONDS));
        log.await("WARN" + SERVER_LOG + "rejected client: 127.0.0.1:");
      } // a second line would come from the same task as the first, long done by now
      List<String> warnings = log.lines(line -> line.contains("WARN"));
      assertEquals(1, warnings.size(), String.join("\n", warnings));
      assertTrue(
          warnings
              .get(0)
              .endsWith(
                  " is not a TLS peer: it sent a kaa-rpc HELLO in clear text: is TLS off at that"
                      + " end? It is on at this end (Options.sslContext)"),
          warnings.get(0));
    }
  }

  @Test
  void anUntrustedCertificateIsOneWarnLineOnTheServer() throws Exception {
    try (LogCapture log = new LogCapture()) {
      try (Server server =
              new Server(
                  "127.0.0.1:0", SECRET, tls(TestCertificates.server(TestCertificates.SERVER)));
          Client client =
              new Client(
                  server.address(),
                  SECRET,
                  tls(TestCertificates.client(TestCertificates.OTHER_CA)))) {
        assertThrows(ExecutionException.class, () -> client.connected().get(5, TimeUnit.SECONDS));
        log.await("WARN" + SERVER_LOG + "rejected client: TLS handshake with 127.0.0.1:");
      }
      List<String> warnings = log.lines(line -> line.contains("WARN"));
      assertEquals(1, warnings.size(), String.join("\n", warnings));
    }
  }

  @Test
  void aPeerThatIsNotKaaRpcIsOneWarnLineOnTheServer() throws Exception {
    try (LogCapture log = new LogCapture()) {
      try (Server server = new Server("127.0.0.1:0", SECRET);
          RawPeer peer = new RawPeer(server.address())) {
        peer.sendBytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertTrue(peer.closedByPeer());
        log.await("WARN" + SERVER_LOG + "rejected client: 127.0.0.1:");
      }
      List<String> warnings = log.lines(line -> line.contains("WARN"));
      assertEquals(1, warnings.size(), String.join("\n", warnings));
      assertTrue(
          warnings
              .get(0)
              .endsWith(" is not a kaa-rpc peer: it sent \"GET / HTTP/1.1\" (an HTTP client?)"),
          warnings.get(0));
    }
  }

  @Test
  void aProbeThatConnectsAndLeavesIsNoWarning() throws Exception {
    try (LogCapture log = new LogCapture()) {
      try (Server server =
          new Server(
              "127.0.0.1:0", SECRET, tls(TestCertificates.server(TestCertificates.SERVER)))) {
        new RawPeer(server.address()).close();
        log.await("DEBUG" + SERVER_LOG + "connection to 127.0.0.1:");
      }
      assertEquals(List.of(), log.lines(line -> line.contains("WARN")));
    }
  }
}
