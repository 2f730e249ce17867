package kaa.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import kaa.rpc.internal.auth.Handshake;
import kaa.rpc.internal.auth.RawPeer;
import kaa.rpc.testing.Await;
import org.junit.jupiter.api.Test;

class LimitsTest {
  private static final String SECRET = "s3cret";
  private static final Options SMALL_FRAMES = Options.builder().maxFrameBytes(4096).build();

  @Test
  void callLargerThanThePeersLimitFailsBeforeSendingAndTheConnectionStays() throws Exception {
    try (Server server = new Server("127.0.0.1:0", SECRET, SMALL_FRAMES);
        Client client = new Client(server.address(), SECRET)) {
      server.connect(new TestDispatchers.Calculator());
      client.connected().get(5, TimeUnit.SECONDS);
      CompletableFuture<Object> big = client.rpc("echo", (Object) new byte[10_000]);
      Throwable e = assertThrows(ExecutionException.class, () -> big.get(5, TimeUnit.SECONDS)).getCause();
      assertInstanceOf(ProtocolException.class, e);
      assertTrue(e.getMessage().contains("exceeds the limit of 4096 bytes"), e.getMessage());
      assertTrue(e.getMessage().matches(".*frame of 100\\d\\d bytes.*"), e.getMessage());
      assertEquals(3, client.rpc("add", 1, 2).get(5, TimeUnit.SECONDS));
    }
  }

  @Test
  void resultLargerThanTheCallersLimitFailsThatCallWithProtocolException() throws Exception {
    try (Server server = new Server("127.0.0.1:0", SECRET);
        Client client = new Client(server.address(), SECRET, SMALL_FRAMES)) {
      server.connect(TestDispatchers.constant("big", new byte[10_000]));
      server.connect(new TestDispatchers.Calculator());
      Throwable e =
          assertThrows(ExecutionException.class, () -> client.rpc("big").get(5, TimeUnit.SECONDS))
              .getCause();
      assertInstanceOf(ProtocolException.class, e);
      assertTrue(e.getMessage().contains("exceeds the limit of 4096 bytes"), e.getMessage());
      assertEquals(3, client.rpc("add", 1, 2).get(5, TimeUnit.SECONDS));
    }
  }

  @Test
  void frameOverTheLimitReceivedAnywayClosesThatConnectionOnly() throws Exception {
    try (Server server = new Server("127.0.0.1:0", SECRET, SMALL_FRAMES);
        Client bystander = new Client(server.address(), SECRET)) {
      server.connect(new TestDispatchers.Calculator());
      bystander.connected().get(5, TimeUnit.SECONDS);
      try (RawPeer peer = new RawPeer(server.address())) {
        assertTrue(peer.authenticate(SECRET, 1 << 20));
        peer.sendFrame(new byte[5000]); // over the 4096 the server announced
        assertTrue(peer.closedByPeer());
      }
      assertEquals(3, bystander.rpc("add", 1, 2).get(5, TimeUnit.SECONDS));
    }
  }

  @Test
  void malformedMessageAfterAuthenticationClosesThatConnectionOnly() throws Exception {
    try (Server server = new Server("127.0.0.1:0", SECRET);
        Client bystander = new Client(server.address(), SECRET)) {
      server.connect(new TestDispatchers.Calculator());
      bystander.connected().get(5, TimeUnit.SECONDS);
      try (RawPeer peer = new RawPeer(server.address())) {
        assertTrue(peer.authenticate(SECRET, 1 << 20));
        peer.sendFrame(new byte[] {0x77, 0, 0, 0, 1, 9, 9}); // unknown message kind
        assertTrue(peer.closedByPeer());
      }
      try (RawPeer peer = new RawPeer(server.address())) {
        assertTrue(peer.authenticate(SECRET, 1 << 20));
        // A CALL whose name claims more bytes than the frame holds.
        peer.sendFrame(new byte[] {0x10, 0, 0, 0, 1, 100, 'a'});
        assertTrue(peer.closedByPeer());
      }
      assertEquals(3, bystander.rpc("add", 1, 2).get(5, TimeUnit.SECONDS));
    }
  }

  @Test
  void largeCallInTheSameReadAsTheProofIsHeldToTheNegotiatedLimit() throws Exception {
    kaa.rpc.internal.codec.Messages messages =
        new kaa.rpc.internal.codec.Messages(
            new kaa.rpc.internal.serial.Serialization(
                kaa.rpc.internal.serial.AllowList.forEndpoint(java.util.List.of())));
    io.netty.buffer.ByteBuf call =
        messages.call(io.netty.buffer.ByteBufAllocator.DEFAULT, 7, "echo", new Object[] {"x".repeat(600)});
    byte[] frame = io.netty.buffer.ByteBufUtil.getBytes(call);
    call.release();
    try (Server server = new Server("127.0.0.1:0", SECRET)) {
      server.connect(new TestDispatchers.Calculator());
      try (RawPeer peer = new RawPeer(server.address())) {
        assertTrue(peer.authenticate(SECRET, 1 << 20, frame));
        byte[] result = peer.readFrame();
        assertTrue(result != null && result[0] == 0x12, "a RESULT, not a closed connection");
      }
    }
  }

  @Test
  void announcedMaximumFrameOutOfRangeIsRefused() throws Exception {
    try (Server server = new Server("127.0.0.1:0", SECRET);
        RawPeer peer = new RawPeer(server.address())) {
      peer.hello(Handshake.VERSION, -1); // 4294967295 as an unsigned number
      String reject = RawPeer.rejectText(peer.readFrame());
      assertTrue(reject != null && reject.contains("4294967295"), reject);
      assertTrue(peer.closedByPeer());
    }
  }

  @Test
  void errorLargerThanTheCallersLimitArrivesShortened() throws Exception {
    try (Server server = new Server("127.0.0.1:0", SECRET);
        Client client = new Client(server.address(), SECRET, SMALL_FRAMES)) {
      server.connect(new TestDispatchers.Calculator());
      String huge = "y".repeat(100_000);
      Throwable e =
          assertThrows(ExecutionException.class, () -> client.rpc("fail", huge).get(5, TimeUnit.SECONDS))
              .getCause();
      assertInstanceOf(IllegalStateException.class, e);
      assertTrue(e.getMessage().startsWith("yyy") && e.getMessage().endsWith("..."));
      assertTrue(e.getMessage().length() < 4096);
      assertEquals(3, client.rpc("add", 1, 2).get(5, TimeUnit.SECONDS));
    }
  }

  @Test
  void serverStopsRunningCallsForAPeerThatDoesNotReadItsResults() throws Exception {
    java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();
    byte[] big = new byte[256 * 1024];
    kaa.rpc.spi.Dispatcher bigResults =
        TestDispatchers.function(
            "big",
            (caller, args) -> {
              runs.incrementAndGet();
              return big;
            });
    kaa.rpc.internal.codec.Messages messages =
        new kaa.rpc.internal.codec.Messages(
            new kaa.rpc.internal.serial.Serialization(
                kaa.rpc.internal.serial.AllowList.forEndpoint(java.util.List.of())));
    int calls = 400; // 100 MiB of results if the server ran them all
    java.io.ByteArrayOutputStream frames = new java.io.ByteArrayOutputStream();
    for (int id = 1; id <= calls; id++) {
      io.netty.buffer.ByteBuf call =
          messages.call(io.netty.buffer.ByteBufAllocator.DEFAULT, id, "big", new Object[0]);
      frames.write(io.netty.buffer.ByteBufUtil.getBytes(call));
      call.release();
    }
    Options direct = Options.builder().executor(Runnable::run).build();
    try (Server server = new Server("127.0.0.1:0", SECRET, direct)) {
      server.connect(bigResults);
      try (RawPeer peer = new RawPeer(server.address())) {
        assertTrue(peer.authenticate(SECRET, 1 << 20));
        peer.sendBytes(frames.toByteArray()); // and reads nothing
        // The server runs calls until its results back up, then stops: no event says so, but the
        // count settles. A server that kept going would run all of them.
        Await.until(Duration.ofSeconds(10), () -> runs.get() > 0, "the server to run calls");
        long ranWhileBlocked =
            Await.settled(
                Duration.ofMillis(500),
                Duration.ofSeconds(20),
                runs::get,
                "the server to stop running calls for a peer that does not read");
        assertTrue(ranWhileBlocked < calls / 4, "ran " + ranWhileBlocked + " of " + calls);
        for (int i = 0; i < calls; i++) {
          byte[] result = peer.readFrame();
          assertEquals(0x12, result[0], "result " + i);
        }
        assertEquals(calls, runs.get(), "the waiting calls ran once the peer read");
      }
    }
  }

  @Test
  void lengthsLargerThanTheFrameFailTheCallNotTheServer() throws Exception {
    // Values that claim about 2^31 elements in a few bytes: byte[], Object[], a String in Kryo's
    // length form, an ArrayList. Kryo would allocate first; the lengths are checked first.
    byte[][] values = {
      {0x16, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07},
      {0x1f, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07},
      {0x03, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f},
      {0x20, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f},
    };
    try (Server server = new Server("127.0.0.1:0", SECRET)) {
      server.connect(new TestDispatchers.Calculator());
      try (RawPeer peer = new RawPeer(server.address())) {
        assertTrue(peer.authenticate(SECRET, 1 << 20));
        int id = 1;
        for (byte[] value : values) {
          java.io.ByteArrayOutputStream call = new java.io.ByteArrayOutputStream();
          call.write(0x10);
          call.write(new byte[] {0, 0, 0, (byte) id++});
          call.write(5); // "echo": 4 bytes + 1
          call.write("echo".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
          call.write(1); // one argument
          call.write(value);
          peer.sendFrame(call.toByteArray());
          byte[] reply = peer.readFrame();
          assertTrue(reply != null && reply[0] == 0x13, "an ERROR, not a closed connection");
          String text = new String(reply, java.nio.charset.StandardCharsets.ISO_8859_1);
          assertTrue(text.contains("SerializationException"), text);
          assertTrue(text.contains("left in the frame"), text);
        }
      }
    }
  }

  @Test
  void optionsRejectNonsense() {
    assertThrows(IllegalArgumentException.class, () -> Options.builder().maxFrameBytes(10));
    assertThrows(IllegalArgumentException.class, () -> Options.builder().maxCallsInFlight(0));
    assertThrows(
        IllegalArgumentException.class, () -> Options.builder().callTimeout(java.time.Duration.ZERO));
    assertThrows(NullPointerException.class, () -> Options.builder().handshakeTimeout(null));
  }
}
