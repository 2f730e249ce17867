package kaa.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import kaa.rpc.internal.auth.Handshake;
import kaa.rpc.internal.auth.RawPeer;
import kaa.rpc.internal.call.Texts;
import kaa.rpc.internal.transport.Addresses;
import kaa.rpc.spi.Dispatcher;
import kaa.rpc.spi.FunctionInfo;
import org.junit.jupiter.api.Test;

class AuthenticationTest {
  private static final String SECRET = "correct horse battery staple";

  @Test
  void wrongSecretFailsConnectedFutureAndQueuedCalls() throws Exception {
    try (Server server = new Server("127.0.0.1:0", SECRET)) {
      server.connect(new TestDispatchers.Calculator());
      String address = Addresses.describe(server.address());
      try (Client client = new Client(server.address(), "wrong secret")) {
        CompletableFuture<Object> queued = client.rpc("add", 1, 2);
        ExecutionException connected =
            assertThrows(ExecutionException.class, () -> client.connected().get(5, TimeUnit.SECONDS));
        assertInstanceOf(AuthenticationException.class, connected.getCause(), () -> String.valueOf(connected.getCause()));
        assertEquals("secret rejected by " + address, connected.getCause().getMessage());
        ExecutionException call =
            assertThrows(ExecutionException.class, () -> queued.get(5, TimeUnit.SECONDS));
        assertInstanceOf(AuthenticationException.class, call.getCause());
        assertEquals(
            Texts.forCall("secret rejected by " + address, "add", address),
            call.getCause().getMessage(),
            "the catalogue's ending, the handshake's reason inside");
        assertEquals(Channel.Status.DISCONNECTED, client.status());
      }
      // The server is unharmed and serves the next client.
      try (Client good = new Client(server.address(), SECRET)) {
        assertEquals(3, good.rpc("add", 1, 2).get(5, TimeUnit.SECONDS));
      }
    }
  }

  @Test
  void serverLogsOneLineNamingARejectedPeer() throws Exception {
    try (LogCapture log = new LogCapture()) {
      try (Server server = new Server("127.0.0.1:0", SECRET);
          Client bad = new Client(server.address(), "wrong secret")) {
        assertThrows(ExecutionException.class, () -> bad.connected().get(5, TimeUnit.SECONDS));
        log.await("rejected client: wrong secret from 127.0.0.1:");
      }
      List<String> lines = log.lines(line -> line.contains("rejected client"));
      assertEquals(1, lines.size(), String.join("\n", log.lines()));
    }
  }

  @Test
  void secretNeverCrossesTheWireAndProofsDiffer() throws Exception {
    try (Server server = new Server("127.0.0.1:0", SECRET);
        RawPeer peer = new RawPeer(server.address())) {
      byte[] hello = peer.hello(Handshake.VERSION, 1 << 20);
      assertNotNull(hello);
      assertEquals(44, hello.length);
      String text = new String(hello, java.nio.charset.StandardCharsets.ISO_8859_1);
      assertTrue(!text.contains(SECRET));
    }
  }

  @Test
  void peerSpeakingAnotherProtocolVersionIsToldSo() throws Exception {
    try (Server server = new Server("127.0.0.1:0", SECRET);
        RawPeer peer = new RawPeer(server.address())) {
      peer.hello(1, 1 << 20); // the first version, whose value encodings differ; the server's HELLO
      String reject = RawPeer.rejectText(peer.readFrame());
      assertNotNull(reject);
      assertTrue(reject.contains("speaks kaa-rpc protocol version 1;"), reject);
      assertTrue(reject.contains("this end speaks version 2"), reject);
      assertTrue(peer.closedByPeer());
    }
  }

  @Test
  void framesSentWithoutHandshakeNeverReachADispatcher() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    Dispatcher counting = counting(calls);
    try (Server server = new Server("127.0.0.1:0", SECRET)) {
      server.connect(counting);
      try (RawPeer peer = new RawPeer(server.address())) {
        // A well-formed CALL frame for "count", sent instead of a HELLO.
        ByteBuffer call = ByteBuffer.allocate(16);
        call.put((byte) 0x10).putInt(1).put((byte) 6).put("count".getBytes()).put((byte) 0);
        byte[] payload = java.util.Arrays.copyOf(call.array(), call.position());
        peer.sendFrame(payload);
        assertNull(RawPeer.rejectText(peer.readFrame())); // the server's own HELLO comes first
        String reject = RawPeer.rejectText(peer.readFrame());
        assertNotNull(reject);
        assertTrue(peer.closedByPeer());
      }
      try (Client client = new Client(server.address(), SECRET)) {
        assertEquals(1, client.rpc("count").get(5, TimeUnit.SECONDS));
      }
      assertEquals(1, calls.get());
    }
  }

  @Test
  void garbageBytesCloseOnlyThatConnection() throws Exception {
    try (Server server = new Server("127.0.0.1:0", SECRET);
        Client bystander = new Client(server.address(), SECRET)) {
      server.connect(new TestDispatchers.Calculator());
      bystander.connected().get(5, TimeUnit.SECONDS);
      try (RawPeer peer = new RawPeer(server.address())) {
        peer.sendBytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
        assertTrue(peer.closedByPeer());
      }
      assertEquals(3, bystander.rpc("add", 1, 2).get(5, TimeUnit.SECONDS));
    }
  }

  @Test
  void hugeLengthPrefixClosesOnlyThatConnection() throws Exception {
    try (Server server = new Server("127.0.0.1:0", SECRET);
        Client bystander = new Client(server.address(), SECRET)) {
      server.connect(new TestDispatchers.Calculator());
      bystander.connected().get(5, TimeUnit.SECONDS);
      try (RawPeer peer = new RawPeer(server.address())) {
        peer.sendBytes(new byte[] {(byte) 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1, 2, 3});
        assertTrue(peer.closedByPeer());
      }
      assertEquals(3, bystander.rpc("add", 1, 2).get(5, TimeUnit.SECONDS));
    }
  }

  @Test
  void silentPeerIsDroppedAfterTheHandshakeTimeout() throws Exception {
    Options options = Options.builder().handshakeTimeout(Duration.ofMillis(300)).build();
    try (Server server = new Server("127.0.0.1:0", SECRET, options);
        RawPeer peer = new RawPeer(server.address())) {
      long start = System.nanoTime();
      assertNotNull(peer.readFrame()); // the server's HELLO
      String reject = RawPeer.rejectText(peer.readFrame());
      assertNotNull(reject);
      assertTrue(reject.contains("timed out"), reject);
      assertTrue(peer.closedByPeer());
      assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
    }
  }

  @Test
  void clientWithWrongSecretAgainstLiveServerDoesNotDisturbOtherClients() throws Exception {
    try (Server server = new Server("127.0.0.1:0", SECRET);
        Client good = new Client(server.address(), SECRET)) {
      server.connect(new TestDispatchers.Calculator());
      good.connected().get(5, TimeUnit.SECONDS);
      for (int i = 0; i < 3; i++) {
        try (Client bad = new Client(server.address(), "nope")) {
          assertThrows(ExecutionException.class, () -> bad.connected().get(5, TimeUnit.SECONDS));
        }
      }
      assertEquals(3, good.rpc("add", 1, 2).get(5, TimeUnit.SECONDS));
      assertEquals(1, server.channels().size());
    }
  }

  static Dispatcher counting(AtomicInteger calls) {
    return TestDispatchers.function("count", (caller, args) -> calls.incrementAndGet());
  }
}
