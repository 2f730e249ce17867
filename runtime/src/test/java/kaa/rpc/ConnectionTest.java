package kaa.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
          Thread.sleep(100);
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
    try (Server server = new Server("127.0.0.1:0", SECRET)) {
      server.onClientConnected(
          ch -> {
            try {
              Thread.sleep(300); // a slow listener: the first call must wait for it
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            ch.connect(TestDispatchers.constant("session", "ready"));
          });
      try (Client client = new Client(server.address(), SECRET)) {
        assertEquals("ready", client.rpc("session").get(5, TimeUnit.SECONDS));
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
      Thread.sleep(300); // several failed attempts: none of them is an event
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
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (!server.channels().isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
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
    try (Server server = new Server("127.0.0.1:0", SECRET, direct)) {
      server.connect(statusDispatcher());
      server.onClientConnected(ch -> sleepQuietly(50));
      try (kaa.rpc.internal.auth.RawPeer peer = new kaa.rpc.internal.auth.RawPeer(server.address())) {
        assertTrue(peer.authenticate(SECRET, 1 << 20, frame));
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

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
