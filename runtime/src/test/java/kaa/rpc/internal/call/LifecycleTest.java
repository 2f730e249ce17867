package kaa.rpc.internal.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import kaa.rpc.DisconnectedException;
import kaa.rpc.RpcException;
import kaa.rpc.internal.call.Lifecycle.State;
import org.junit.jupiter.api.Test;

/** Every (from, to) pair of the channel state machine: allowed or not, and who is told. */
class LifecycleTest {
  private static final Set<String> ALLOWED =
      Set.of(
          "CONNECTING>CONNECTED",
          "CONNECTING>CLOSED",
          "CONNECTED>RECONNECTING",
          "CONNECTED>CLOSING",
          "CONNECTED>CLOSED",
          "RECONNECTING>CONNECTED",
          "RECONNECTING>CLOSED",
          "CLOSING>CLOSED");
  /** Transitions that report a loss to onDisconnected listeners. */
  private static final Set<String> REPORTS_LOSS =
      Set.of("CONNECTING>CLOSED", "CONNECTED>RECONNECTING", "CONNECTED>CLOSED", "CLOSING>CLOSED");

  @Test
  void everyTransitionIsAllowedOrRefusedAndToldAsTheTableSays() {
    for (State from : State.values()) {
      for (State to : State.values()) {
        String edge = from + ">" + to;
        Lifecycle life = new Lifecycle(from, Runnable::run);
        List<String> told = new CopyOnWriteArrayList<>();
        life.onConnected(ch -> told.add("connected"));
        life.onDisconnected((ch, why) -> told.add("disconnected: " + (why == null ? null : why.getMessage())));
        told.clear(); // what registering in this state told is not the transition's doing
        RpcException reason = new DisconnectedException("lost " + edge);
        List<Boolean> ranLocked = new CopyOnWriteArrayList<>();
        State left = life.transition(to, reason, () -> ranLocked.add(true));
        if (ALLOWED.contains(edge)) {
          assertSame(from, left, edge);
          assertSame(to, life.state(), edge);
          assertEquals(List.of(true), ranLocked, edge);
          if (to == State.CONNECTED) {
            assertEquals(List.of("connected"), told, edge);
          } else if (REPORTS_LOSS.contains(edge)) {
            assertEquals(List.of("disconnected: lost " + edge), told, edge);
          } else {
            assertEquals(List.of(), told, edge);
          }
        } else {
          assertNull(left, edge);
          assertSame(from, life.state(), edge);
          assertEquals(List.of(), told, edge);
          assertEquals(List.of(), ranLocked, edge);
        }
      }
    }
  }

  @Test
  void closingKeepsItsReasonForTheFinalReportAndLateListeners() {
    Lifecycle life = new Lifecycle(State.CONNECTED, Runnable::run);
    List<String> told = new CopyOnWriteArrayList<>();
    life.onDisconnected((ch, why) -> told.add(why.getMessage()));
    life.transition(State.CLOSING, new DisconnectedException("closed by this end"), null);
    life.transition(State.CLOSED, new DisconnectedException("connection closed"), null);
    life.onDisconnected((ch, why) -> told.add("late: " + why.getMessage()));
    assertEquals(List.of("closed by this end", "late: closed by this end"), told);
  }

  @Test
  void aLossIsReportedOnceAcrossReconnecting() {
    Lifecycle life = new Lifecycle(State.CONNECTING, Runnable::run);
    List<String> told = new CopyOnWriteArrayList<>();
    life.onConnected(ch -> told.add("up"));
    life.onDisconnected((ch, why) -> told.add("down"));
    for (State s :
        EnumSet.of(State.CONNECTED, State.RECONNECTING).stream().toList()) {
      life.transition(s, new DisconnectedException("x"), null);
    }
    life.transition(State.CLOSED, new DisconnectedException("gave up"), null);
    assertEquals(List.of("up", "down"), told);
    assertEquals(kaa.rpc.Channel.Status.DISCONNECTED, life.state().status);
  }
}
