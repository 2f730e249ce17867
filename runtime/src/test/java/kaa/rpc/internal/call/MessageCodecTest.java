package kaa.rpc.internal.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import kaa.rpc.ProtocolException;
import kaa.rpc.internal.codec.MessageLog;
import kaa.rpc.internal.codec.Messages;
import kaa.rpc.internal.serial.AllowList;
import kaa.rpc.internal.serial.Serialization;
import kaa.rpc.internal.transport.FrameDecoder;
import org.junit.jupiter.api.Test;

/** The message codec handler alone: frames in, messages out, pings answered. */
class MessageCodecTest {
  private final Messages messages =
      new Messages(new Serialization(AllowList.forEndpoint(List.of())));

  /** What the codec hands on. */
  private final MessageLog read = new MessageLog();

  private EmbeddedChannel channel(KeepAliveTest.Tail tail) {
    return new EmbeddedChannel(new MessageCodec(messages, "127.0.0.1:7700", read), tail);
  }

  /** A frame as the frame decoder passes it on: without its length prefix. */
  private static ByteBuf body(ByteBuf withLength) {
    withLength.skipBytes(4);
    return withLength;
  }

  @Test
  void framesBecomeMessages() {
    KeepAliveTest.Tail tail = new KeepAliveTest.Tail();
    EmbeddedChannel ch = channel(tail);
    ch.writeInbound(body(messages.call(ByteBufAllocator.DEFAULT, 7, "add", new Object[] {1, 2})));
    MessageLog.Call call = read.poll();
    assertEquals(7, call.id());
    assertEquals("add", call.name());
    ch.writeInbound(body(Messages.cancel(ByteBufAllocator.DEFAULT, 7)));
    assertInstanceOf(MessageLog.Cancel.class, read.poll());
    assertTrue(tail.failures.isEmpty());
    ch.finishAndReleaseAll();
  }

  @Test
  void aPingIsAnsweredWithAPongCarryingItsToken() {
    KeepAliveTest.Tail tail = new KeepAliveTest.Tail();
    EmbeddedChannel ch = channel(tail);
    ch.writeInbound(body(KeepAlive.frame(ByteBufAllocator.DEFAULT, KeepAlive.PING, 42)));
    assertNull(ch.readInbound(), "pings stop here");
    ByteBuf pong = ch.readOutbound();
    assertEquals(9, pong.readableBytes());
    assertEquals(KeepAlive.PONG, pong.getByte(4));
    assertEquals(42, pong.getInt(5));
    pong.release();
    ch.writeInbound(body(KeepAlive.frame(ByteBufAllocator.DEFAULT, KeepAlive.PONG, 42)));
    assertNull(ch.readInbound(), "pongs stop here");
    ch.finishAndReleaseAll();
  }

  @Test
  void aMalformedFrameIsAProtocolErrorNamingThePeer() {
    KeepAliveTest.Tail tail = new KeepAliveTest.Tail();
    EmbeddedChannel ch = channel(tail);
    ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x77, 0, 0, 0, 1}));
    ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x14, 0, 0, 0, 1})); // after it: dropped
    assertNull(ch.readInbound());
    assertEquals(1, tail.failures.size());
    ProtocolException e = assertInstanceOf(ProtocolException.class, tail.failures.get(0));
    assertTrue(e.getMessage().endsWith("from 127.0.0.1:7700"), e.getMessage());
    ch.finishAndReleaseAll();
  }

  /** A frame decoder whose reader is the codec, as after a handshake. */
  private EmbeddedChannel readingInPlace(KeepAliveTest.Tail tail) {
    MessageCodec codec = new MessageCodec(messages, "127.0.0.1:7700", read);
    FrameDecoder frames = new FrameDecoder(1 << 20);
    EmbeddedChannel ch = new EmbeddedChannel(frames, codec, tail);
    frames.readWith(codec);
    return ch;
  }

  /**
   * The codec as its frame decoder's reader, as after a handshake: frames are decoded where they
   * lie in the decoder's buffer, whole or split across reads, and pings are still answered.
   */
  @Test
  void framesReadInPlaceByTheFrameDecoder() {
    KeepAliveTest.Tail tail = new KeepAliveTest.Tail();
    EmbeddedChannel ch = readingInPlace(tail);
    ByteBuf stream = Unpooled.buffer();
    for (int id = 1; id <= 3; id++) {
      ByteBuf f = messages.call(ByteBufAllocator.DEFAULT, id, "add", new Object[] {id, 2});
      stream.writeBytes(f);
      f.release();
    }
    ByteBuf ping = KeepAlive.frame(ByteBufAllocator.DEFAULT, KeepAlive.PING, 9);
    stream.writeBytes(ping);
    ping.release();
    int split = stream.readableBytes() / 2 + 1; // a frame cut in two
    ch.writeInbound(stream.readRetainedSlice(split));
    ch.writeInbound(stream.readRetainedSlice(stream.readableBytes()));
    stream.release();
    for (int id = 1; id <= 3; id++) {
      MessageLog.Call call = read.poll();
      assertEquals(id, call.id());
      assertEquals("add", call.name());
      assertEquals(id, call.values()[0]);
    }
    assertNull(ch.readInbound());
    ByteBuf pong = ch.readOutbound();
    assertEquals(9, pong.getInt(5));
    pong.release();
    assertTrue(tail.failures.isEmpty());
    ch.finishAndReleaseAll();
  }

  @Test
  void aMalformedFrameReadInPlaceIsAProtocolErrorAndTheRestIsDropped() {
    KeepAliveTest.Tail tail = new KeepAliveTest.Tail();
    EmbeddedChannel ch = readingInPlace(tail);
    byte[] badThenCancel = {0, 0, 0, 5, 0x77, 0, 0, 0, 1, 0, 0, 0, 5, 0x14, 0, 0, 0, 1};
    ch.writeInbound(Unpooled.wrappedBuffer(badThenCancel));
    assertNull(ch.readInbound(), "the cancel after it is dropped");
    assertEquals(1, tail.failures.size());
    ProtocolException e = assertInstanceOf(ProtocolException.class, tail.failures.get(0));
    assertTrue(e.getMessage().contains("unknown message kind 0x77"), e.getMessage());
    assertTrue(e.getMessage().endsWith("from 127.0.0.1:7700"), e.getMessage());
    ch.finishAndReleaseAll();
  }
}
