package kaa.rpc.internal.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import kaa.rpc.DisconnectedException;
import org.junit.jupiter.api.Test;

/** Keep-alive on an EmbeddedChannel, with the channel's clock moved by hand. */
class KeepAliveTest {
  /** Records what reaches the end of the pipeline. */
  static final class Tail extends ChannelInboundHandlerAdapter {
    final List<Throwable> failures = new ArrayList<>();

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      failures.add(cause);
    }
  }

  private static EmbeddedChannel channel(Tail tail) {
    EmbeddedChannel ch = new EmbeddedChannel();
    ch.freezeTime();
    ch.pipeline().addLast(new KeepAlive(1000, 500, "127.0.0.1:7700"), tail);
    return ch;
  }

  @Test
  void silenceSendsOnePingThenReportsTheConnectionDead() {
    Tail tail = new Tail();
    EmbeddedChannel ch = channel(tail);
    ch.advanceTimeBy(999, TimeUnit.MILLISECONDS);
    ch.runScheduledPendingTasks();
    assertNull(ch.readOutbound(), "not idle yet");
    ch.advanceTimeBy(1, TimeUnit.MILLISECONDS);
    ch.runScheduledPendingTasks();
    ByteBuf ping = ch.readOutbound();
    assertEquals(9, ping.readableBytes());
    assertEquals(5, ping.getInt(0));
    assertEquals(KeepAlive.PING, ping.getByte(4));
    ping.release();
    ch.advanceTimeBy(500, TimeUnit.MILLISECONDS);
    ch.runScheduledPendingTasks();
    assertEquals(1, tail.failures.size());
    DisconnectedException dead = assertInstanceOf(DisconnectedException.class, tail.failures.get(0));
    assertEquals(Texts.noAnswer("127.0.0.1:7700", 1500), dead.getMessage());
    assertNull(ch.readOutbound(), "one ping per silence");
    ch.finishAndReleaseAll();
  }

  @Test
  void anythingArrivingAfterThePingKeepsTheConnection() {
    Tail tail = new Tail();
    EmbeddedChannel ch = channel(tail);
    ch.advanceTimeBy(1000, TimeUnit.MILLISECONDS);
    ch.runScheduledPendingTasks();
    ((ByteBuf) ch.readOutbound()).release();
    ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {0, 0})); // part of a frame is enough
    ((ByteBuf) ch.readInbound()).release();
    ch.advanceTimeBy(500, TimeUnit.MILLISECONDS);
    ch.runScheduledPendingTasks();
    assertTrue(tail.failures.isEmpty());
    ch.finishAndReleaseAll();
  }

  @Test
  void trafficMeansNoPing() {
    Tail tail = new Tail();
    EmbeddedChannel ch = channel(tail);
    for (int i = 0; i < 10; i++) {
      ch.advanceTimeBy(600, TimeUnit.MILLISECONDS);
      ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {1}));
      ((ByteBuf) ch.readInbound()).release();
      ch.runScheduledPendingTasks();
    }
    assertNull(ch.readOutbound());
    assertTrue(tail.failures.isEmpty());
    ch.finishAndReleaseAll();
  }
}
