package kaa.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.time.Instant;
import java.util.List;
import kaa.rpc.internal.auth.RawPeer;
import kaa.rpc.internal.codec.Messages;
import kaa.rpc.internal.serial.AllowList;
import kaa.rpc.internal.serial.Serialization;
import org.junit.jupiter.api.Test;

/**
 * A well-framed call whose Instant argument is out of range: JdkSerializers.InstantSerializer
 * throws DateTimeException, which Messages.read does not catch (only KryoException,
 * IndexOutOfBounds, NegativeArraySize), so it escapes the connection handler (now MessageCodec) and the whole connection
 * is closed instead of that one call failing.
 */
class MalformedValueTest {
  private static final long MARK = 0x0011223344556677L;

  @Test
  void outOfRangeInstantFailsOnlyThatCall() throws Exception {
    Messages messages = new Messages(new Serialization(AllowList.forEndpoint(List.of())));
    ByteBuf bad = messages.call(ByteBufAllocator.DEFAULT, 1, "echo", new Object[] {Instant.ofEpochSecond(MARK)});
    byte[] badBytes = ByteBufUtil.getBytes(bad);
    bad.release();
    patch(badBytes);
    ByteBuf good = messages.call(ByteBufAllocator.DEFAULT, 2, "add", new Object[] {1, 2});
    byte[] goodBytes = ByteBufUtil.getBytes(good);
    good.release();

    try (Server server = new Server("127.0.0.1:0", "s3cret")) {
      server.connect(new TestDispatchers.Calculator());
      try (RawPeer peer = new RawPeer(server.address())) {
        if (!peer.authenticate("s3cret", 1 << 20, badBytes)) {
          throw new AssertionError("handshake failed");
        }
        byte[] first = peer.readFrame();
        assertNotNull(first, "server closed the connection over one malformed argument");
        assertEquals(Messages.ERROR, first[0], "an ERROR reply for the bad call");
        peer.sendBytes(goodBytes);
        byte[] second = peer.readFrame();
        assertNotNull(second, "connection did not survive");
        assertEquals(Messages.RESULT, second[0]);
      }
    }
  }

  /** Replaces the little-endian MARK with Long.MAX_VALUE seconds (beyond Instant.MAX). */
  private static void patch(byte[] frame) {
    outer:
    for (int i = 0; i + 8 <= frame.length; i++) {
      for (int j = 0; j < 8; j++) {
        if (frame[i + j] != (byte) (MARK >>> (8 * j))) {
          continue outer;
        }
      }
      for (int j = 0; j < 8; j++) {
        frame[i + j] = (byte) (Long.MAX_VALUE >>> (8 * j));
      }
      return;
    }
    throw new AssertionError("mark not found");
  }
}
