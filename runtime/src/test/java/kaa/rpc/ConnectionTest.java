package kaa.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import kaa.rpc.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionTest {
  private static final String SECRET = "s3cret";

  @Test
  void connectionLossFailsCallsInFlightAndLeavesOtherChannelsAlone() throws Exception {
    TestDispatchers.Calculator calc = new TestDispatchers.Calculator();
    BlockingQueue<Channel> serverSide = new LinkedBlockingQueue<>();
    try (Server server = new Server("127.0.0.1:0", SECRET)) {
      server.connect(calc);
      server.onClientConnected(serverSide::add);
      try (Client doomed = new Client(server.address(), SECRET)) {
        doomed.connected().get(5, TimeUnit.SECONDS);
        Channel doomedOnServer = serverSide.poll(5, TimeUnit.SECONDS);
        try (Client bystander = new Client(server.address(), SECRET)) {
          bystander.connected().get(5, TimeUnit.SECONDS);
          AtomicInteger disconnects = new AtomicInteger();
          BlockingQueue<RpcException> reasons = new LinkedBlockingQueue<>();
          doomed.onDisconnected(
              (ch, why) -> {
                disconnects.incrementAndGet();
                reasons.add(why);
              });
          CompletableFuture<Object> inFlight = doomed.rpc("sleep", 60_000L);
          assertTrue(calc.sleeping.await(5, TimeUnit.SECONDS));
          doomedOnServer.close(); // the server drops this one client
          ExecutionException e =
              assertThrows(ExecutionException.class, () -> inFlight.get(5, TimeUnit.SECONDS));
          assertInstanceOf(DisconnectedException.class, e.getCause());
          assertTrue(e.getCause().getMessage().contains("may or may not have run"));
          assertInstanceOf(DisconnectedException.class, reasons.poll(5, TimeUnit.SECONDS));
          awaitListenersRan(doomed);
          assertEquals(1, disconnects.get(), "listeners fire once");
          assertEquals(Channel.Status.DISCONNECTED, doomed.status());
          assertInstanceOf(
              DisconnectedException.class,
              assertThrows(
                      ExecutionException.class, () -> doomed.rpc("add", 1, 2).get(5, TimeUnit.SECONDS))
                  .getCause());
          assertEquals(3, bystander.rpc("add", 1, 2).get(5, TimeUnit.SECONDS));
        }
      }
    }
  }

  @Test
  void serverCloseFailsClientCallsWithDisconnected() throws Exception {
    TestDispatchers.Calculator calc = new TestDispatchers.Calculator();
    Server server = new Server("127.0.0.1:0", SECRET);
    try (Client client = new Client(server.address(), SECRET)) {
      server.connect(calc);
      CompletableFuture<Object> inFlight = client.rpc("sleep", 60_000L);
      assertTrue(calc.sleeping.await(5, TimeUnit.SECONDS));
      server.close();
      server.close(); // idempotent
      ExecutionException e =
          assertThrows(ExecutionException.class, () -> inFlight.get(5, TimeUnit.SECONDS));
      assertInstanceOf(DisconnectedException.class, e.getCause());
    }
  }

  @Test
  void onClientConnectedRunsBeforeTheFirstCallIsServed() throws Exception {
    CountDownLatch callMade = new CountDownLatch(1);
    CompletableFuture<Object> waited = new CompletableFuture<>();
    try (Server server = new Server("127.0.0.1:0", SECRET)) {
      server.onClientConnected(
          ch -> {
            // The listener is still running when the client's call arrives: the client answers
            // "afterCall" only once it has made its call, and a connection delivers in order.
            try {
              waited.complete(ch.rpc("afterCall").get(5, TimeUnit.SECONDS));
            } catch (Exception e) {
              waited.completeExceptionally(e);
            }
            ch.connect(TestDispatchers.constant("session", "ready"));
          });
      try (Client client = new Client(server.address(), SECRET)) {
        client.connect(
            TestDispatchers.function(
                "afterCall", (caller, args) -> callMade.await(5, TimeUnit.SECONDS)));
        CompletableFuture<Object> first = client.rpc("session");
        callMade.countDown();
        assertEquals("ready", first.get(5, TimeUnit.SECONDS));
        assertEquals(true, waited.get(5, TimeUnit.SECONDS), "the client made its call meanwhile");
      }
    }
  }

  @Test
  void onClientConnectedMayCallTheClientBlocking() throws Exception {
    CompletableFuture<Object> answer = new CompletableFuture<>();
    try (Server server = new Server("127.0.0.1:0", SECRET)) {
      server.connect(TestDispatchers.constant("ready", "yes"));
      server.onClientConnected(
          ch -> {
            try {
              answer.complete(ch.rpc("add", 2, 3).get(5, TimeUnit.SECONDS)); // waits for the client
            } catch (Exception e) {
              answer.completeExceptionally(e);
            }
          });
      try (Client client = new Client(server.address(), SECRET)) {
        client.connect(new TestDispatchers.Calculator());
        assertEquals(5, answer.get(10, TimeUnit.SECONDS));
        assertEquals("yes", client.rpc("ready").get(5, TimeUnit.SECONDS));
      }
    }
  }

  @Test
  void serverCallsTheClientBackThroughItsChannel() throws Exception {
    CompletableFuture<Object> answer = new CompletableFuture<>();
    try (Server server = new Server("127.0.0.1:0", SECRET)) {
      server.onClientConnected(ch -> ch.rpc("add", 20, 22).whenComplete((v, e) -> {
        if (e != null) {
          answer.completeExceptionally(e);
        } else {
          answer.complete(v);
        }
      }));
      try (Client client = new Client(server.address(), SECRET)) {
        client.connect(new TestDispatchers.Calculator());
        assertEquals(42, answer.get(5, TimeUnit.SECONDS));
      }
    }
  }

  @Test
  void listenersSeeConnectAndDisconnectAndLateListenersFireAtOnce() throws Exception {
    try (Server server = new Server("127.0.0.1:0", SECRET)) {
      Client client = new Client(server.address(), SECRET);
      CountDownLatch connected = new CountDownLatch(1);
      client.onConnected(ch -> connected.countDown());
      assertTrue(connected.await(5, TimeUnit.SECONDS));
      assertEquals(Channel.Status.CONNECTED, client.status());
      assertTrue(client.isConnected());
      CountDownLatch lateConnected = new CountDownLatch(1);
      client.onConnected(ch -> lateConnected.countDown());
      assertTrue(lateConnected.await(5, TimeUnit.SECONDS));
      CountDownLatch disconnected = new CountDownLatch(1);
      client.onDisconnected((ch, why) -> disconnected.countDown());
      client.close();
      client.close(); // idempotent
      assertTrue(disconnected.await(5, TimeUnit.SECONDS));
      assertEquals(Channel.Status.DISCONNECTED, client.status());
      CompletableFuture<RpcException> late = new CompletableFuture<>();
      client.onDisconnected((ch, why) -> late.complete(why));
      assertInstanceOf(DisconnectedException.class, late.get(5, TimeUnit.SECONDS));
    }
  }

  @Test
  void clientThatCannotConnectFailsConnectedAndQueuedCalls(@TempDir Path dir) throws Exception {
    try (Client client = new Client(dir.resolve("nobody.sock").toString(), SECRET)) {
      CompletableFuture<Object> queued = client.rpc("add", 1, 2);
      ExecutionException e =
          assertThrows(ExecutionException.class, () -> client.connected().get(5, TimeUnit.SECONDS));
      assertInstanceOf(DisconnectedException.class, e.getCause());
      assertTrue(e.getCause().getMessage().contains("nobody.sock"), e.getCause().getMessage());
      assertInstanceOf(
          DisconnectedException.class,
          assertThrows(ExecutionException.class, () -> queued.get(5, TimeUnit.SECONDS)).getCause());
    }
  }

  @Test
  void reconnectingClientSurvivesAServerRestart(@TempDir Path dir) throws Exception {
    String path = dir.resolve("restart.sock").toString();
    Options reconnect = Options.builder().reconnectInterval(Duration.ofMillis(100)).build();
    BlockingQueue<String> events = new LinkedBlockingQueue<>();
    Server first = new Server(path, SECRET);
    first.connect(new TestDispatchers.Calculator());
    try (Client client = new Client(path, SECRET, reconnect)) {
      client.connect(TestDispatchers.constant("clientName", "kept across reconnects"));
      client.onConnected(ch -> events.add("connected"));
      client.onDisconnected((ch, why) -> events.add("disconnected"));
      assertEquals(3, client.rpc("add", 1, 2).get(5, TimeUnit.SECONDS));
      assertEquals("connected", events.poll(5, TimeUnit.SECONDS));
      first.close();
      assertEquals("disconnected", events.poll(5, TimeUnit.SECONDS));
      assertEquals(Channel.Status.CONNECTING, client.status());
      // A call made while disconnected waits for the reconnect.
      CompletableFuture<Object> queued = client.rpc("add", 2, 3);
      refuseAttempts(path, 3); // failed attempts: none is an event, so the next is the reconnect
      try (Server second = new Server(path, SECRET)) {
        second.connect(new TestDispatchers.Calculator());
        assertEquals(5, queued.get(5, TimeUnit.SECONDS));
        assertEquals("connected", events.poll(5, TimeUnit.SECONDS));
        // The client's exposed objects survived the reconnect: the new server can call them.
        assertEquals(
            "kept across reconnects",
            second.channels().get(0).rpc("clientName").get(5, TimeUnit.SECONDS));
        assertTrue(events.isEmpty(), "no event per failed attempt: " + events);
      }
    }
  }

  @Test
  void channelsListsLiveClients() throws Exception {
    try (Server server = new Server("127.0.0.1:0", SECRET)) {
      try (Client a = new Client(server.address(), SECRET);
          Client b = new Client(server.address(), SECRET)) {
        a.connected().get(5, TimeUnit.SECONDS);
        b.connected().get(5, TimeUnit.SECONDS);
        assertEquals(2, server.channels().size());
      }
      Await.until(
          Duration.ofSeconds(5),
          () -> server.channels().isEmpty(),
          "server.channels() to forget the clients that left");
      assertEquals(List.of(), server.channels());
    }
  }

  @Test
  void theChannelInjectedIntoListenersIsTheClientItself() throws Exception {
    try (Server server = new Server("127.0.0.1:0", SECRET);
        Client client = new Client(server.address(), SECRET)) {
      CompletableFuture<Channel> seen = new CompletableFuture<>();
      client.onConnected(seen::complete);
      assertSame(client, seen.get(5, TimeUnit.SECONDS));
    }
  }

  @Test
  void theCallersChannelIsConnectedWhenItsFirstCallRuns() throws Exception {
    // A peer that sends its first call in the same write as its proof: the server holds the call
    // while onClientConnected runs, then serves it on its I/O thread (direct executor).
    kaa.rpc.internal.codec.Messages messages =
        new kaa.rpc.internal.codec.Messages(
            new kaa.rpc.internal.serial.Serialization(
                kaa.rpc.internal.serial.AllowList.forEndpoint(List.of())));
    io.netty.buffer.ByteBuf call =
        messages.call(io.netty.buffer.ByteBufAllocator.DEFAULT, 1, "status", new Object[0]);
    byte[] frame = io.netty.buffer.ByteBufUtil.getBytes(call);
    call.release();
    Options direct = Options.builder().executor(Runnable::run).build();
    CountDownLatch listening = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (Server server = new Server("127.0.0.1:0", SECRET, direct)) {
      server.connect(statusDispatcher());
      server.onClientConnected(
          ch -> {
            listening.countDown();
            awaitQuietly(release); // the call sent with the proof is held meanwhile
          });
      try (kaa.rpc.internal.auth.RawPeer peer = new kaa.rpc.internal.auth.RawPeer(server.address())) {
        assertTrue(peer.authenticate(SECRET, 1 << 20, frame));
        assertTrue(listening.await(5, TimeUnit.SECONDS), "onClientConnected ran");
        release.countDown();
        byte[] result = peer.readFrame();
        assertEquals(0x12, result[0], "a RESULT");
        String text = new String(result, java.nio.charset.StandardCharsets.ISO_8859_1);
        // Kryo marks the end of an ASCII string by setting the high bit of its last byte.
        assertTrue(text.contains("CONNECTE" + (char) ('D' | 0x80)), text);
      }
    }
  }

  private static kaa.rpc.spi.Dispatcher statusDispatcher() {
    return TestDispatchers.function("status", (caller, args) -> caller.status().name());
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Returns once every onDisconnected listener {@code client} was due to run has run. Listeners
   * run in order on one executor, and one added once the client is closed for good runs at once,
   * after them: a second report of the same loss would come before it.
   */
  private static void awaitListenersRan(Client client) throws Exception {
    Await.until(
        Duration.ofSeconds(5),
        () -> client.status() == Channel.Status.DISCONNECTED,
        client + " to be closed");
    CompletableFuture<RpcException> last = new CompletableFuture<>();
    client.onDisconnected((ch, why) -> last.complete(why));
    last.get(5, TimeUnit.SECONDS);
  }

  /**
   * Listens on the Unix socket {@code path} in a reconnecting client's place and closes the
   * first {@code attempts} connections at once, each a failed attempt; returns when all were
   * made, with the path free again.
   */
  private static void refuseAttempts(String path, int attempts) throws IOException {
    UnixDomainSocketAddress address = UnixDomainSocketAddress.of(path);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    try (ServerSocketChannel refuser = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        Selector selector = Selector.open()) {
      refuser.bind(address);
      refuser.configureBlocking(false);
      refuser.register(selector, SelectionKey.OP_ACCEPT);
      int refused = 0;
      while (refused < attempts) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          throw new AssertionError("only " + refused + " of " + attempts + " attempts in 5 s");
        }
        selector.select(left);
        selector.selectedKeys().clear();
        for (SocketChannel attempt; refused < attempts && (attempt = refuser.accept()) != null; ) {
          attempt.close();
          refused++;
        }
      }
    } finally {
      Files.deleteIfExists(address.getPath());
    }
  }
}
