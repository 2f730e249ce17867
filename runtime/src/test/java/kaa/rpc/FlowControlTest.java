package kaa.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import kaa.rpc.internal.auth.RawPeer;
import kaa.rpc.internal.call.Texts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The inbound limit, the reply buffer and keep-alive, against real servers and raw peers. */
class FlowControlTest {
  private static final String SECRET = "s3cret";
  private static final byte EARLY = 'E';
  private static final byte LATE = 'L';

  @Test
  void aPeerCannotHaveMoreThanTheInboundLimitRunning() throws Exception {
    int limit = 4;
    int calls = 50;
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    CountDownLatch full = new CountDownLatch(limit);
    CompletableFuture<Void> release = new CompletableFuture<>();
    Options options = Options.builder().maxInboundCalls(limit).build();
    try (Server server = new Server("127.0.0.1:0", SECRET, options);
        RawPeer peer = new RawPeer(server.address())) {
      server.connect(
          TestDispatchers.function(
              "hold",
              (caller, args) -> {
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                full.countDown();
                release.get(10, TimeUnit.SECONDS);
                running.decrementAndGet();
                return null;
              }));
      assertTrue(peer.authenticate(SECRET, 1 << 20));
      StressTest.sendCalls(peer, "hold", calls);
      assertTrue(full.await(10, TimeUnit.SECONDS));
      release.complete(null);
      Set<Integer> answered = new HashSet<>();
      for (int i = 0; i < calls; i++) {
        byte[] frame = peer.readFrame();
        assertEquals(0x12, frame[0], "a RESULT");
        answered.add(java.nio.ByteBuffer.wrap(frame, 1, 4).getInt());
      }
      assertEquals(calls, answered.size(), "every call answered once");
      assertEquals(limit, most.get(), "never more than the limit at once");
    }
  }

  @Test
  void resultsThatDoNotFitWaitUntilThePeerReadsAndAllArrive() throws Exception {
    assertEveryResultArrives(48, 1 << 20, 1 << 24); // 48 MiB: three times the reply buffer
  }

  @Test
  void resultsLargerThanTheReplyBufferGoOutOneAtATime() throws Exception {
    assertEveryResultArrives(3, 17 << 20, 1 << 25); // each more than the 16 MiB reply buffer
  }

  /**
   * Sends {@code calls} calls returning {@code size} bytes and reads nothing until every one has
   * run (what does not fit is held, not failed); then every call gets its whole RESULT.
   */
  private static void assertEveryResultArrives(int calls, int size, int maxFrame)
      throws Exception {
    byte[] value = new byte[size];
    CountDownLatch ran = new CountDownLatch(calls);
    try (Server server = new Server("127.0.0.1:0", SECRET);
        RawPeer peer = new RawPeer(server.address())) {
      server.connect(
          TestDispatchers.function(
              "big",
              (caller, args) -> {
                ran.countDown();
                return value;
              }));
      assertTrue(peer.authenticate(SECRET, maxFrame));
      StressTest.sendCalls(peer, "big", calls);
      assertTrue(ran.await(20, TimeUnit.SECONDS), "every call ran while the peer did not read");
      Set<Integer> answered = new HashSet<>();
      for (int i = 0; i < calls; i++) {
        byte[] frame = peer.readFrame();
        assertEquals(0x12, frame[0], "a RESULT, not an error in its place");
        assertTrue(frame.length > size, "the whole result");
        answered.add(java.nio.ByteBuffer.wrap(frame, 1, 4).getInt());
      }
      assertEquals(calls, answered.size(), "every call answered once");
    }
  }

  /**
   * With a 64 KiB reply buffer, 256 results of 16 KiB (4 MiB) to a peer that reads nothing: most
   * are held, not encoded, until it reads; then all arrive, in order. Over a Unix socket, whose
   * kernel buffer is small and fixed (about 200 KiB), unlike loopback TCP's, which grows to MiBs.
   *
   * <p>Each result is a fresh array marked "early"; once every call ran, a last call ("seal")
   * re-marks them all "late" on the server's I/O thread. A reply shows when its result was
   * encoded: "early" before the seal, "late" after, so it was held until then.
   */
  @Test
  @Timeout(20) // the peer's reads over a Unix socket have no timeout of their own
  void resultsOverTheReplyBufferAreHeldUntilThePeerReadsThenAllArriveInOrder(@TempDir Path dir)
      throws Exception {
    assertHeldUntilThePeerReads(dir, 256, 16 * 1024);
  }

  /**
   * As above with 4000 results of 900 bytes (3.6 MB, many times what a socket's kernel buffer
   * holds): small replies made on the I/O thread are copied straight into the connection's frame
   * batch, and still count against the reply buffer.
   */
  @Test
  @Timeout(20)
  void smallResultsOverTheReplyBufferAreHeldUntilThePeerReadsThenAllArriveInOrder(
      @TempDir Path dir) throws Exception {
    assertHeldUntilThePeerReads(dir, 4000, 900);
  }

  private static void assertHeldUntilThePeerReads(Path dir, int calls, int size)
      throws Exception {
    long cap = 64 * 1024;
    List<byte[]> results = new CopyOnWriteArrayList<>();
    CountDownLatch ran = new CountDownLatch(calls);
    Options options =
        Options.builder()
            .executor(Runnable::run)
            .maxBufferedReplyBytes(cap)
            .maxInboundCalls(calls + 1) // all run, and the seal after them
            .build();
    try (Server server = new Server(dir.resolve("r.sock").toString(), SECRET, options)) {
      server.connect(
          TestDispatchers.function(
              "chunk",
              (caller, args) -> {
                byte[] value = new byte[size];
                java.nio.ByteBuffer.wrap(value).putInt(results.size() + 1).put(EARLY);
                results.add(value);
                ran.countDown();
                return value;
              }));
      server.connect(
          TestDispatchers.function(
              "seal",
              (caller, args) -> {
                results.forEach(value -> value[4] = LATE);
                return null;
              }));
      try (RawPeer peer = new RawPeer(server.address())) {
        assertTrue(peer.authenticate(SECRET, 1 << 20));
        for (int id = 1; id <= calls; id++) {
          peer.sendFrame(StressTest.call(id, "chunk"));
        }
        assertTrue(ran.await(5, TimeUnit.SECONDS), "every call ran while the peer did not read");
        peer.sendFrame(StressTest.call(calls + 1, "seal"));
        int early = 0;
        for (int id = 1; id <= calls; id++) {
          byte[] frame = peer.readFrame();
          assertEquals(0x12, frame[0], "a RESULT");
          assertEquals(id, java.nio.ByteBuffer.wrap(frame, 1, 4).getInt(), "in order");
          java.nio.ByteBuffer value = java.nio.ByteBuffer.wrap(frame, frame.length - size, size);
          assertEquals(id, value.getInt(), "the result of call " + id);
          byte mark = value.get();
          if (mark == EARLY) {
            assertEquals(id - 1, early, "call " + id + " encoded after a held one");
            early++;
          } else {
            assertEquals(LATE, mark, "call " + id);
          }
        }
        byte[] sealed = peer.readFrame();
        assertEquals(0x12, sealed[0], "the seal's RESULT, behind the held ones");
        assertEquals(calls + 1, java.nio.ByteBuffer.wrap(sealed, 1, 4).getInt());
        // The first always goes; 4 MiB at once would have fit the default 16 MiB buffer.
        assertTrue(early >= 1 && early <= calls / 2, early + " encoded before the peer read");
      }
    }
  }

  @Test
  void aPeerThatNeverAnswersPingsIsClosedWithinIntervalPlusTimeout() throws Exception {
    Options options =
        Options.builder()
            .keepAliveInterval(Duration.ofMillis(200))
            .keepAliveTimeout(Duration.ofMillis(200))
            .build();
    CompletableFuture<RpcException> lost = new CompletableFuture<>();
    try (Server server = new Server("127.0.0.1:0", SECRET, options);
        RawPeer peer = new RawPeer(server.address())) {
      server.onClientConnected(ch -> ch.onDisconnected((c, why) -> lost.complete(why)));
      assertTrue(peer.authenticate(SECRET, 1 << 20));
      long start = System.nanoTime();
      byte[] ping = peer.readFrame(); // and never answer
      assertEquals(5, ping.length);
      assertEquals(0x15, ping[0]);
      assertTrue(peer.closedByPeer());
      RpcException why = lost.get(5, TimeUnit.SECONDS);
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertInstanceOf(DisconnectedException.class, why);
      assertTrue(why.getMessage().startsWith("no answer from "), why.getMessage());
      assertTrue(why.getMessage().endsWith(" for 400 ms"), why.getMessage());
      assertTrue(ms < 5000, ms + " ms");
    }
  }

  @Test
  void pingsAreAnsweredSoAnIdleConnectionStays() throws Exception {
    Options options =
        Options.builder()
            .keepAliveInterval(Duration.ofMillis(50))
            .keepAliveTimeout(Duration.ofMillis(200))
            .build();
    try (Server server = new Server("127.0.0.1:0", SECRET, options);
        Client client = new Client(server.address(), SECRET, options)) {
      server.connect(new TestDispatchers.Calculator());
      assertEquals(3, client.rpc("add", 1, 2).get(5, TimeUnit.SECONDS));
      // Silence for many intervals: both ends ping, both answer, nobody closes.
      client.connect(new TestDispatchers.Calculator());
      assertEquals(
          null,
          server.channels().get(0).rpc("sleep", 1000L).get(5, TimeUnit.SECONDS),
          "a call that is silent for 20 intervals");
      assertTrue(client.isConnected());
      assertEquals(5, client.rpc("add", 2, 3).get(5, TimeUnit.SECONDS));
    }
  }

  @Test
  void pingsTravelInsideTls() throws Exception {
    Options keep =
        Options.builder()
            .keepAliveInterval(Duration.ofMillis(50))
            .keepAliveTimeout(Duration.ofMillis(200))
            .build();
    Options serverOptions =
        TestCertificates.tls(TestCertificates.server(TestCertificates.SERVER))
            .toBuilder()
            .keepAliveInterval(keep.keepAliveInterval())
            .keepAliveTimeout(keep.keepAliveTimeout())
            .build();
    Options clientOptions =
        TestCertificates.tls(TestCertificates.client(TestCertificates.CA))
            .toBuilder()
            .keepAliveInterval(keep.keepAliveInterval())
            .keepAliveTimeout(keep.keepAliveTimeout())
            .build();
    try (Server server = new Server("127.0.0.1:0", SECRET, serverOptions);
        Client client = new Client(server.address(), SECRET, clientOptions)) {
      server.connect(new TestDispatchers.Calculator());
      client.connect(new TestDispatchers.Calculator());
      assertEquals(3, client.rpc("add", 1, 2).get(5, TimeUnit.SECONDS));
      // 20 intervals of silence: pings go out and come back through TLS; nobody closes.
      assertEquals(null, server.channels().get(0).rpc("sleep", 1000L).get(5, TimeUnit.SECONDS));
      assertTrue(client.isConnected());
      assertEquals(5, client.rpc("add", 2, 3).get(5, TimeUnit.SECONDS));
    }
  }

  @Test
  void timeoutTextIsTheCatalogues() throws Exception {
    Options quick = Options.builder().callTimeout(Duration.ofMillis(200)).build();
    try (Server server = new Server("127.0.0.1:0", SECRET);
        Client client = new Client(server.address(), SECRET, quick)) {
      server.connect(new TestDispatchers.Calculator());
      CompletableFuture<Object> slow = client.rpc("sleep", 2000L);
      Throwable e =
          org.junit.jupiter.api.Assertions.assertThrows(
                  ExecutionException.class, () -> slow.get(5, TimeUnit.SECONDS))
              .getCause();
      assertInstanceOf(RpcTimeoutException.class, e);
      String peer = kaa.rpc.internal.transport.Addresses.describe(server.address());
      assertEquals(Texts.forCall(Texts.timedOut(200), "sleep", peer), e.getMessage());
    }
  }
}
