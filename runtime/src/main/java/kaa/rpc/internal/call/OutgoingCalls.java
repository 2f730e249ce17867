package kaa.rpc.internal.call;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import kaa.rpc.AuthenticationException;
import kaa.rpc.DisconnectedException;
import kaa.rpc.ProtocolException;
import kaa.rpc.RpcException;
import kaa.rpc.RpcTimeoutException;
import kaa.rpc.SerializationException;
import kaa.rpc.TlsException;
import kaa.rpc.internal.codec.Messages;
import kaa.rpc.spi.RemoteMethod;

/**
 * The calls one channel makes: call ids, the in-flight limit, the queue of calls made before the
 * channel is connected, and each call's deadline. Calls are encoded on the caller's thread and
 * handed to the current {@link Connection}; a reconnecting client keeps this object.
 */
final class OutgoingCalls {
  private final Messages messages;
  private final EventLoop loop;
  private final String peer;
  private final int maxInFlight;
  private final long defaultTimeoutNanos;
  private final AtomicInteger nextId = new AtomicInteger(1);
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Object lock = new Object();
  private final ArrayDeque<PendingCall> queued = new ArrayDeque<>();
  private volatile Connection link;
  private volatile RpcException closed;

  OutgoingCalls(
      Messages messages, EventLoop loop, String peer, int maxInFlight, long defaultTimeoutNanos) {
    this.messages = messages;
    this.loop = loop;
    this.peer = peer;
    this.maxInFlight = maxInFlight;
    this.defaultTimeoutNanos = defaultTimeoutNanos;
  }

  String peer() {
    return peer;
  }

  long defaultTimeoutNanos() {
    return defaultTimeoutNanos;
  }

  /**
   * Sends a call that times out after {@code timeoutNanos} (0: the channel's call timeout); the
   * future is the {@link PendingCall}. Never throws for call failures.
   */
  PendingCall send(
      RemoteMethod method, String name, Object[] args, Map<String, ?> named, long timeoutNanos) {
    PendingCall call = new PendingCall(this, name, method);
    if (closed != null) {
      call.markReleased();
      call.completeExceptionally(closedFailure(call));
      return call;
    }
    if (inFlight.incrementAndGet() > maxInFlight) {
      inFlight.decrementAndGet();
      call.markReleased();
      call.completeExceptionally(
          new RpcException(
              Texts.forCall(Texts.tooManyInFlight(maxInFlight), call.describe(), peer)));
      return call;
    }
    long timeout = timeoutNanos > 0 ? timeoutNanos : defaultTimeoutNanos;
    call.limit(timeout, timeout != defaultTimeoutNanos);
    int id = nextId.getAndIncrement();
    call.id = id;
    try {
      ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;
      call.frame =
          named == null
              ? messages.call(alloc, id, name, args)
              : messages.namedCall(alloc, id, name, named);
    } catch (SerializationException e) {
      call.fail(
          new SerializationException(
              Texts.forCall("not sent: " + e.getMessage(), call.describe(), peer), e));
      return call;
    }
    Connection current = link;
    if (current == null) {
      synchronized (lock) {
        current = link;
        if (current == null) {
          if (closed != null) {
            call.frame.release();
            call.frame = null;
            call.fail(closedFailure(call));
          } else {
            queued.add(call);
            call.armTimeout(loop);
          }
          return call;
        }
      }
    }
    kaa.rpc.internal.lead.Leads.sending(loop); // a blocking caller may lead the loop itself
    current.offer(call);
    return call;
  }

  /** The event loop of this channel's connections. */
  EventLoop loop() {
    return loop;
  }

  /** A call gave up (cancel or timeout, any thread): stop tracking it, tell the peer if sent. */
  void abandon(PendingCall call) {
    Connection l = call.link;
    if (l == null) {
      synchronized (lock) {
        if (queued.remove(call)) {
          call.cancelTimeout();
          if (call.frame != null) {
            call.frame.release();
            call.frame = null;
          }
          return;
        }
        l = call.link; // raced with connected(), which offered it meanwhile
      }
    }
    if (l != null) {
      l.enqueue(call);
    }
  }

  void callDone() {
    inFlight.decrementAndGet();
  }

  RpcTimeoutException timeoutFor(PendingCall call) {
    return new RpcTimeoutException(
        Texts.forCall(Texts.timedOut(call.timeoutMillis()), call.describe(), peer));
  }

  /** A connection is up: calls go to it, the queued ones first. */
  void connected(Connection up) {
    synchronized (lock) {
      link = up;
      PendingCall call;
      while ((call = queued.poll()) != null) {
        up.offer(call);
      }
    }
  }

  /** Connection {@code lost} is gone: calls queue until the next one. */
  void disconnected(Connection lost) {
    synchronized (lock) {
      if (link == lost) {
        link = null;
      }
    }
  }

  /** The channel closed for good with {@code reason}: queued and later calls fail with it. */
  void close(RpcException reason) {
    List<PendingCall> failed;
    synchronized (lock) {
      if (closed == null) {
        closed = reason;
      }
      link = null;
      failed = new ArrayList<>(queued);
      queued.clear();
    }
    for (PendingCall call : failed) {
      call.cancelTimeout();
      if (call.frame != null) {
        call.frame.release();
        call.frame = null;
      }
      call.fail(copyFor(closed, call));
    }
  }

  /** Why a call on a closed channel fails: the reason it closed. */
  private RpcException closedFailure(PendingCall call) {
    return copyFor(closed, call);
  }

  /** A per-call copy of a connection failure, of the same class, so each caller gets its own. */
  private RpcException copyFor(RpcException reason, PendingCall call) {
    if (reason instanceof AuthenticationException) {
      // The reason itself ("secret rejected by ..."), not "channel closed (...)": it never opened.
      return new AuthenticationException(
          Texts.forCall(reason.getMessage(), call.describe(), peer), reason);
    }
    String message = Texts.forCall(Texts.closed(reason.getMessage()), call.describe(), peer);
    if (reason instanceof TlsException) {
      return new TlsException(message, reason);
    }
    if (reason instanceof ProtocolException) {
      return new ProtocolException(message, reason);
    }
    return new DisconnectedException(message, reason);
  }
}
