package kaa.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import kaa.rpc.internal.auth.RawPeer;
import kaa.rpc.internal.auth.RawServer;
import kaa.rpc.internal.codec.Messages;
import kaa.rpc.internal.serial.AllowList;
import kaa.rpc.internal.serial.FrameBudget;
import kaa.rpc.internal.serial.Serialization;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * SPEC §6: decoding a frame never allocates more than 4x its size, however its lengths and nesting
 * are arranged, in CALL and RESULT frames alike; such a frame closes its connection with an error
 * naming the budget, and the server keeps serving others. Allocation is measured with {@code
 * ThreadMXBean.getCurrentThreadAllocatedBytes} around the decode (the I/O thread runs the same
 * {@code Messages.read}).
 */
class HostileFrameTest {
  private static final String SECRET = "s3cret";
  private static final int FRAME = 1 << 20;

  /** A record that takes no bytes on the wire. */
  record Empty() {}

  /** A small record. */
  record Point(int x, int y) {}

  /** A record of references. */
  record Named(String name, List<String> tags) {}

  @Test
  void noHostileCallOrResultFrameMakesTheDecoderAllocateMoreThanFourTimesItsSize() {
    assertAllUnderBudget(FRAME);
  }

  @Test
  @Tag("stress")
  void noSixteenMebibyteHostileFrameAllocatesMoreThanFourTimesItsSize() {
    assertAllUnderBudget(16 << 20);
  }

  static void assertAllUnderBudget(int size) {
    Messages messages =
        new Messages(new Serialization(AllowList.forEndpoint(List.of(Empty.class))));
    HostileFrames.decode(messages, HostileFrames.call(1, new byte[] {2, 2})); // warm the session
    Map<String, byte[]> values = HostileFrames.values(size);
    values.put("ArrayList of zero-byte records (legitimate)", emptyRecords(size));
    StringBuilder report = new StringBuilder();
    for (Map.Entry<String, byte[]> value : values.entrySet()) {
      for (boolean call : new boolean[] {true, false}) {
        byte[] payload =
            call
                ? HostileFrames.call(7, value.getValue())
                : HostileFrames.result(7, value.getValue());
        HostileFrames.Decoded d = HostileFrames.decode(messages, payload);
        String name = (call ? "CALL " : "RESULT ") + value.getKey();
        report.append(
            String.format(
                "%-72s %11d bytes / %9d = %.2fx  %s%n",
                name, d.allocated(), d.frameBytes(), d.ratio(), shorten(d.refusal())));
        assertTrue(
            d.allocated() <= FrameBudget.MULTIPLE * (long) d.frameBytes(),
            name + " allocated " + d.allocated() + " bytes for a frame of " + d.frameBytes());
        if (value.getKey().startsWith(HostileFrames.FITS)) {
          assertEquals(null, d.refusal(), name);
        } else if (d.refusal() == null) {
          throw new AssertionError(name + " was decoded");
        } else if (d.failure() != null) {
          assertInstanceOf(ProtocolException.class, d.failure(), name);
          assertTrue(d.failure().getMessage().contains("budget"), d.failure().getMessage());
        } else {
          assertTrue(d.refusal().contains("left in the frame"), d.refusal()); // a lie: that call
        }
      }
    }
    System.out.print(report);
  }

  private static String shorten(String s) {
    return s == null ? "decodes" : s.length() > 90 ? s.substring(0, 90) + "..." : s;
  }

  @Test
  void valuesOfManySmallObjectsNeverAllocateMoreThanFourTimesTheirFrame() {
    Messages messages =
        new Messages(
            new Serialization(AllowList.forEndpoint(List.of(Point.class, Named.class))));
    HostileFrames.decode(messages, HostileFrames.call(1, new byte[] {2, 2})); // warm the session
    int n = 100_000;
    Map<String, Object> values = new java.util.LinkedHashMap<>();
    values.put("ArrayList of records of large ints", list(n, i -> new Point(100_000 + i, -i - 200)));
    values.put("Point[] of records of small ints", list(n, i -> new Point(i % 50, 1)).toArray(new Point[0]));
    values.put("ArrayList of short strings", list(n, i -> "s" + (i % 10)));
    values.put("ArrayList of 8-character strings", list(n, i -> String.format("%08d", i)));
    values.put("ArrayList of records of strings", list(n / 4, i -> new Named("n" + i, List.of("t"))));
    values.put("ArrayList of Integers", list(n, i -> 1000 + i));
    values.put("ArrayList of Longs", list(n, i -> (long) i * 1_000_000L));
    values.put("ArrayList of Doubles", list(n, i -> i + 0.5));
    values.put("HashMap of Integers to strings", map(new java.util.HashMap<>(), n));
    values.put("TreeMap of Integers to strings", map(new java.util.TreeMap<>(), n));
    values.put("LinkedList of Integers", new java.util.LinkedList<>(list(n, i -> 500 + i)));
    values.put("HashSet of Integers", new java.util.HashSet<>(list(n, i -> 500 + i)));
    values.put("List.of Integers", List.copyOf(list(n, i -> 500 + i)));
    values.put("Set.of Integers", java.util.Set.copyOf(list(n, i -> 500 + i)));
    values.put("ArrayList of BigDecimals", list(n / 2, i -> java.math.BigDecimal.valueOf(i, 2)));
    values.put("ArrayList of Instants", list(n / 2, i -> java.time.Instant.ofEpochSecond(i)));
    values.put("ArrayList of Optionals", list(n, i -> java.util.Optional.of(i % 100)));
    values.put("ArrayList of empty lists", list(n, i -> new java.util.ArrayList<>()));
    StringBuilder report = new StringBuilder();
    // The first pass pays once per class what is not per frame (Kryo's serializer for a record,
    // the JDK's reflection accessor for its constructor); the second measures the decoding.
    for (int pass = 0; pass < 2; pass++) {
    for (Map.Entry<String, Object> value : values.entrySet()) {
      io.netty.buffer.ByteBuf frame =
          messages.result(io.netty.buffer.ByteBufAllocator.DEFAULT, 9, value.getValue());
      byte[] payload = io.netty.buffer.ByteBufUtil.getBytes(frame, 4, frame.readableBytes() - 4);
      frame.release();
      HostileFrames.Decoded d = HostileFrames.decode(messages, payload);
      if (pass == 0) {
        continue;
      }
      report.append(
          String.format(
              "RESULT %-50s %11d bytes / %9d = %.2fx  %s%n",
              value.getKey(), d.allocated(), d.frameBytes(), d.ratio(), shorten(d.refusal())));
      if (d.allocated() > FrameBudget.MULTIPLE * (long) d.frameBytes()) {
        report.append("  OVER THE BUDGET\n");
      }
    }
    }
    System.out.print(report);
    assertTrue(!report.toString().contains("OVER"), report.toString());
  }

  private static <T> List<T> list(int n, java.util.function.IntFunction<T> element) {
    List<T> list = new java.util.ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      list.add(element.apply(i));
    }
    return list;
  }

  private static Map<Integer, String> map(Map<Integer, String> map, int n) {
    for (int i = 0; i < n; i++) {
      map.put(1000 + i, "v" + (i % 10));
    }
    return map;
  }

  @Test
  void anErrorOfManyTinyStackFramesStaysUnderTheBudget() {
    Messages messages = new Messages(new Serialization(AllowList.forEndpoint(List.of())));
    HostileFrames.decode(messages, HostileFrames.call(1, new byte[] {2, 2})); // warm the session
    HostileFrames.Decoded d = HostileFrames.decode(messages, HostileFrames.error(3));
    System.out.printf(
        "ERROR of 64 x 256 empty stack frames: %d bytes / %d = %.2fx  %s%n",
        d.allocated(), d.frameBytes(), d.ratio(), shorten(d.refusal()));
    assertTrue(
        d.allocated() <= FrameBudget.MULTIPLE * (long) d.frameBytes(), d.allocated() + " bytes");
    assertInstanceOf(ProtocolException.class, d.failure());
    assertTrue(d.failure().getMessage().contains("budget"), d.failure().getMessage());
  }

  /** An ArrayList of records with no components: each element takes no bytes. */
  private static byte[] emptyRecords(int size) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.write(HostileFrames.ARRAY_LIST);
    HostileFrames.varIntFlag(out, true, size - 64 + 1);
    out.write(1); // class by name
    out.write(0); // name id 0
    byte[] name = Empty.class.getName().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    name[name.length - 1] |= (byte) 0x80; // Kryo's ASCII form: the last byte flagged
    out.writeBytes(name);
    out.write(0); // no nulls
    while (out.size() < size) {
      out.write(0);
    }
    return out.toByteArray();
  }

  @Test
  void aHostileCallClosesThatConnectionAndTheServerServesOthers() throws Exception {
    byte[] hostile =
        HostileFrames.call(1, HostileFrames.values(FRAME).get("Object[] claims halving, nested"));
    try (Server server = new Server("127.0.0.1:0", SECRET);
        Client bystander = new Client(server.address(), SECRET)) {
      server.connect(new TestDispatchers.Calculator());
      assertEquals(3, bystander.rpc("add", 1, 2).get(5, TimeUnit.SECONDS));
      try (RawPeer peer = new RawPeer(server.address())) {
        assertTrue(peer.authenticate(SECRET, 1 << 20));
        peer.sendFrame(hostile);
        assertTrue(peer.closedByPeer(), "the server closed the hostile connection");
      }
      assertEquals(5, bystander.rpc("add", 2, 3).get(5, TimeUnit.SECONDS));
    }
  }

  @Test
  void aHostileResultClosesTheConnectionAndFailsTheCallWithAClearError() throws Exception {
    try (RawServer raw = new RawServer()) {
      CompletableFuture<Void> served =
          CompletableFuture.runAsync(
              () -> {
                try {
                  raw.acceptAndAuthenticate(SECRET, Options.DEFAULT_MAX_FRAME_BYTES);
                  byte[] call = raw.readFrame();
                  int id =
                      ((call[1] & 0xff) << 24)
                          | ((call[2] & 0xff) << 16)
                          | ((call[3] & 0xff) << 8)
                          | (call[4] & 0xff);
                  raw.sendFrame(
                      HostileFrames.result(
                          id,
                          HostileFrames.values(FRAME)
                              .get("ArrayList of empty HashMaps, one byte each (legitimate)")));
                  assertTrue(raw.closedByPeer(), "the client closed the connection");
                } catch (java.io.IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });
      try (Client client = new Client(raw.address(), SECRET)) {
        Throwable e =
            assertThrows(
                    ExecutionException.class, () -> client.rpc("echo", 1).get(10, TimeUnit.SECONDS))
                .getCause();
        String text = messages(e);
        assertTrue(text.contains("budget"), text);
        served.get(10, TimeUnit.SECONDS);
      }
    }
  }

  private static String messages(Throwable e) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      text.append(t).append(" / ");
    }
    return text.toString();
  }
}
