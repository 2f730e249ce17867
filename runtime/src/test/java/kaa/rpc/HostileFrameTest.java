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
