package kaa.rpc.internal.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The inbound limit and writability decisions of one connection, on an EmbeddedChannel. */
class InboundFlowTest {
  /** A call to {@code f} without arguments, as the codec hands it on. */
  private static void arrive(InboundFlow flow, int id) {
    flow.arrived(id, "f", new Object[0], null, null);
  }

  @Test
  void readingPausesAtTheLimitAndResumesBelowIt() {
    EmbeddedChannel ch = new EmbeddedChannel();
    List<Integer> served = new ArrayList<>();
    InboundFlow flow =
        new InboundFlow(ch, 2, true, (id, name, values, names, failure) -> served.add(id));
    flow.startServing();
    assertTrue(ch.config().isAutoRead());
    arrive(flow, 1);
    assertTrue(ch.config().isAutoRead());
    arrive(flow, 2);
    assertFalse(ch.config().isAutoRead(), "at the limit");
    arrive(flow, 3); // already in the last read: waits
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
    InboundFlow flow = new InboundFlow(ch, 100, true, (id, name, values, names, failure) -> served.add(id));
    flow.startServing();
    ch.write(Unpooled.wrappedBuffer(new byte[32])); // not flushed: over the high water mark
    assertFalse(ch.isWritable());
    arrive(flow, 1);
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
    InboundFlow flow = new InboundFlow(ch, 100, false, (id, name, values, names, failure) -> served.add(id));
    flow.startServing();
    ch.write(Unpooled.wrappedBuffer(new byte[32]));
    arrive(flow, 1);
    assertEquals(List.of(), served);
    assertTrue(ch.config().isAutoRead(), "results of its own calls still arrive");
    ch.finishAndReleaseAll();
  }

  /** Calls that may run at once are served as they arrive, each answered inline, in order. */
  @Test
  void callsServedAsTheyArriveAndAnsweredInlineKeepCount() {
    EmbeddedChannel ch = new EmbeddedChannel();
    List<Integer> served = new ArrayList<>();
    InboundFlow[] self = new InboundFlow[1];
    self[0] =
        new InboundFlow(
            ch,
            2,
            true,
            (id, name, values, names, failure) -> {
              served.add(id);
              self[0].answered();
              return true;
            });
    self[0].startServing();
    for (int i = 1; i <= 10_000; i++) {
      arrive(self[0], i);
      assertEquals(0, self[0].unanswered(), "after call " + i);
    }
    assertEquals(10_000, served.size());
    for (int i = 0; i < served.size(); i++) {
      assertEquals(i + 1, served.get(i));
    }
    assertTrue(ch.config().isAutoRead());
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
            (id, name, values, names, failure) -> {
              served.add(id);
              self[0].answered();
              return true;
            });
    for (int i = 1; i <= 10_000; i++) {
      arrive(self[0], i); // not serving yet: they wait (the limit pauses reading)
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
    InboundFlow flow = new InboundFlow(ch, 1, true, (id, name, values, names, failure) -> false);
    flow.startServing();
    arrive(flow, 1);
    arrive(flow, 2);
    assertEquals(0, flow.unanswered());
    assertTrue(ch.config().isAutoRead());
    assertTrue(!flow.cancelWaiting(2));
    ch.finishAndReleaseAll();
  }
}
