package kaa.rpc.internal.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import kaa.rpc.internal.codec.Message;
import org.junit.jupiter.api.Test;

/** The inbound limit and writability decisions of one connection, on an EmbeddedChannel. */
class InboundFlowTest {
  private static Message.Call call(int id) {
    return new Message.Call(id, "f", new Object[0], null, null);
  }

  @Test
  void readingPausesAtTheLimitAndResumesBelowIt() {
    EmbeddedChannel ch = new EmbeddedChannel();
    List<Integer> served = new ArrayList<>();
    InboundFlow flow =
        new InboundFlow(ch, 2, true, c -> served.add(c.id()));
    flow.startServing();
    assertTrue(ch.config().isAutoRead());
    flow.arrived(call(1));
    assertTrue(ch.config().isAutoRead());
    flow.arrived(call(2));
    assertFalse(ch.config().isAutoRead(), "at the limit");
    flow.arrived(call(3)); // already in the last read: waits
    assertEquals(List.of(1, 2), served);
    flow.answered();
    assertEquals(List.of(1, 2, 3), served);
    assertFalse(ch.config().isAutoRead(), "still two unanswered");
    flow.answered();
    assertTrue(ch.config().isAutoRead(), "below the limit");
    ch.finishAndReleaseAll();
  }

  @Test
  void aServerPausesWhileUnwritableAndResumesWhenWritableAgain() {
    EmbeddedChannel ch = new EmbeddedChannel();
    ch.config().setWriteBufferWaterMark(new WriteBufferWaterMark(8, 16));
    List<Integer> served = new ArrayList<>();
    InboundFlow flow = new InboundFlow(ch, 100, true, c -> served.add(c.id()));
    flow.startServing();
    ch.write(Unpooled.wrappedBuffer(new byte[32])); // not flushed: over the high water mark
    assertFalse(ch.isWritable());
    flow.arrived(call(1));
    assertEquals(List.of(), served, "results cannot be written: the call waits");
    assertFalse(ch.config().isAutoRead());
    ch.flush();
    assertTrue(ch.isWritable());
    flow.update(); // what the connection does on channelWritabilityChanged
    assertEquals(List.of(1), served);
    assertTrue(ch.config().isAutoRead());
    ch.finishAndReleaseAll();
  }

  @Test
  void aClientKeepsReadingWhileUnwritableButItsCallsWait() {
    EmbeddedChannel ch = new EmbeddedChannel();
    ch.config().setWriteBufferWaterMark(new WriteBufferWaterMark(8, 16));
    List<Integer> served = new ArrayList<>();
    InboundFlow flow = new InboundFlow(ch, 100, false, c -> served.add(c.id()));
    flow.startServing();
    ch.write(Unpooled.wrappedBuffer(new byte[32]));
    flow.arrived(call(1));
    assertEquals(List.of(), served);
    assertTrue(ch.config().isAutoRead(), "results of its own calls still arrive");
    ch.finishAndReleaseAll();
  }

  @Test
  void callsAnsweredInlineNeitherRecurseNorLoseCount() {
    EmbeddedChannel ch = new EmbeddedChannel();
    List<Integer> served = new ArrayList<>();
    InboundFlow[] self = new InboundFlow[1];
    // A direct executor: each call is answered before serve returns.
    self[0] =
        new InboundFlow(
            ch,
            3,
            true,
            c -> {
              served.add(c.id());
              self[0].answered();
              return true;
            });
    for (int i = 1; i <= 10_000; i++) {
      self[0].arrived(call(i)); // not serving yet: they wait (the limit pauses reading)
    }
    assertFalse(ch.config().isAutoRead());
    self[0].startServing();
    assertEquals(10_000, served.size());
    assertEquals(0, self[0].unanswered());
    assertTrue(ch.config().isAutoRead());
    ch.finishAndReleaseAll();
  }

  @Test
  void aCallAnsweredAtOnceDoesNotCount() {
    EmbeddedChannel ch = new EmbeddedChannel();
    InboundFlow flow = new InboundFlow(ch, 1, true, c -> false);
    flow.startServing();
    flow.arrived(call(1));
    flow.arrived(call(2));
    assertEquals(0, flow.unanswered());
    assertTrue(ch.config().isAutoRead());
    assertTrue(!flow.cancelWaiting(2));
    ch.finishAndReleaseAll();
  }
}
