package kaa.rpc.internal.call;

import io.netty.channel.Channel;
import java.util.ArrayDeque;
import kaa.rpc.SerializationException;

/**
 * Flow control of the calls one connection receives (event loop only). A call read from the
 * peer either runs at once or waits here; it counts against the inbound limit until it is
 * answered. Every decision is made in {@link #update}, which reads the channel's writability
 * afresh each time it is called and each time around its loop, and which every event that could
 * change a decision calls: a call arriving or answered, writability changing, serving starting.
 * A result that does not fit in the connection's reply buffer is held by the {@link Connection}
 * and its call stays unanswered here until it is written, so a peer that does not read makes
 * reading pause and holds at most {@code limit} results.
 * So reading pauses exactly while {@code answered + waiting >= limit} (or, on a server, while
 * results cannot be written), and resumes at the first event after that stops being true.
 */
final class InboundFlow {
  /** Runs a call that was read; returns true if it is now running (answered later). */
  interface Server {
    boolean serve(
        int id, String name, Object[] values, String[] names, SerializationException failure);
  }

  private final Channel channel;
  private final int limit;
  private final boolean pauseWhileUnwritable;
  private final Server server;
  private final ArrayDeque<WaitingCall> waiting = new ArrayDeque<>();
  private int running;
  private boolean serving;
  private boolean closed;
  private boolean updating;
  private boolean again;

  /**
   * Flow for {@code channel}, at most {@code limit} calls read and not answered. A server pauses
   * reading while its results cannot be written; a client keeps reading (the results of its own
   * calls), so two ends that both stop writing cannot stall each other.
   */
  InboundFlow(Channel channel, int limit, boolean pauseWhileUnwritable, Server server) {
    this.channel = channel;
    this.limit = limit;
    this.pauseWhileUnwritable = pauseWhileUnwritable;
    this.server = server;
  }

  /**
   * A call arrived. One that may run now, with none waiting before it, is served at once; only one
   * that must wait is kept, as a {@link WaitingCall}.
   */
  void arrived(
      int id, String name, Object[] values, String[] names, SerializationException failure) {
    if (!updating && waiting.isEmpty() && mayServe()) {
      updating = true; // an answer given while it is served makes update() go round, as below
      try {
        running++;
        if (!server.serve(id, name, values, names, failure)) {
          running--;
        }
      } finally {
        updating = false;
      }
    } else {
      waiting.add(new WaitingCall(id, name, values, names, failure));
    }
    update();
  }

  private boolean mayServe() {
    return !closed && serving && running < limit && channel.isWritable();
  }

  /** A running call was answered (or dropped). */
  void answered() {
    running--;
    update();
  }

  /** Removes a waiting call the peer cancelled; true if it was waiting. */
  boolean cancelWaiting(int id) {
    boolean removed = waiting.removeIf(call -> call.id() == id);
    if (removed) {
      update();
    }
    return removed;
  }

  /** Starts serving (a server after its onClientConnected listeners; a client at once). */
  void startServing() {
    serving = true;
    update();
  }

  /** The connection closed: nothing more is served. */
  void close() {
    closed = true;
    waiting.clear();
  }

  /** Calls read and not answered: running plus waiting. */
  int unanswered() {
    return running + waiting.size();
  }

  /**
   * Serves what may run now, then sets reading on or off. An event during this (a call answered
   * at once on the event loop, a flush changing writability) makes the outermost call go round
   * again instead of recursing, so the last decision always sees the last state.
   */
  void update() {
    if (updating) {
      again = true;
      return;
    }
    updating = true;
    try {
      do {
        again = false;
        while (!waiting.isEmpty() && mayServe()) {
          WaitingCall call = waiting.poll();
          running++; // before serving: a call run inline is answered before serve returns
          if (!server.serve(call.id(), call.name(), call.values(), call.names(), call.failure())) {
            running--; // answered at once, without running
          }
        }
        if (closed) {
          return;
        }
        boolean read =
            running + waiting.size() < limit && (channel.isWritable() || !pauseWhileUnwritable);
        if (channel.config().isAutoRead() != read) {
          channel.config().setAutoRead(read);
        }
      } while (again);
    } finally {
      updating = false;
    }
  }
}
