package kaa.rpc.internal.auth;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import kaa.rpc.AuthenticationException;
import kaa.rpc.DisconnectedException;
import kaa.rpc.ProtocolException;
import kaa.rpc.RpcException;
import kaa.rpc.internal.transport.Addresses;
import kaa.rpc.internal.transport.FrameDecoder;

/**
 * Runs the handshake ({@link Handshake}) on a new connection. Until it completes only handshake
 * frames are accepted and nothing is deserialized. When the peer has proved it knows the secret,
 * {@link Outcome#authenticated} is called; the outcome calls {@link #finish} (at once, or after
 * running listeners) to put the call handler in its place. Frames that arrive in between are held
 * and reading pauses. Not sharable.
 */
public final class HandshakeHandler extends ChannelInboundHandlerAdapter {

  /** What happens when the handshake ends. Both methods run on the event loop. */
  public interface Outcome {
    /**
     * The peer is authenticated and accepts frames up to {@code peerMaxFrame} bytes. The outcome
     * puts a call handler in place with {@link #finish}; a server then calls {@link
     * #proveServer}, having accepted the client.
     */
    void authenticated(ChannelHandlerContext ctx, HandshakeHandler handshake, int peerMaxFrame);

    /** The handshake failed; the connection is closing. */
    void failed(ChannelHandlerContext ctx, RpcException reason);
  }

  private final boolean client;
  private final byte[] secret;
  private final int maxFrame;
  private final Duration timeout;
  private final FrameDecoder frames;
  private final Outcome outcome;

  private byte[] ownHello;
  private byte[] peerHello;
  private boolean proofSent;
  private boolean done;
  private ChannelHandlerContext ctx;
  private ScheduledFuture<?> timer;
  private List<Object> held;

  /**
   * A handler for the client ({@code client} true) or server end, proving {@code secret} and
   * announcing {@code maxFrame}.
   */
  public HandshakeHandler(
      boolean client,
      byte[] secret,
      int maxFrame,
      Duration timeout,
      FrameDecoder frames,
      Outcome outcome) {
    this.client = client;
    this.secret = secret;
    this.maxFrame = maxFrame;
    this.timeout = timeout;
    this.frames = frames;
    this.outcome = outcome;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    if (ctx.channel().isActive()) {
      start(ctx);
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    start(ctx);
    ctx.fireChannelActive();
  }

  private void start(ChannelHandlerContext ctx) {
    if (ownHello != null) {
      return;
    }
    ownHello = Handshake.hello(client ? Handshake.ROLE_CLIENT : Handshake.ROLE_SERVER, maxFrame);
    ctx.writeAndFlush(Handshake.frame(ctx.alloc(), ownHello));
    timer =
        ctx.executor()
            .schedule(
                () ->
                    fail(
                        ProtocolException.class,
                        "handshake with " + peer() + " timed out after " + timeout.toMillis() + " ms",
                        Handshake.REJECT_PROTOCOL),
                timeout.toNanos(),
                TimeUnit.NANOSECONDS);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (done) {
      if (held != null) {
        held.add(msg); // authenticated, waiting for finish(): keep order
      } else {
        ctx.fireChannelRead(msg);
      }
      return;
    }
    ByteBuf frame = (ByteBuf) msg;
    try {
      handle(frame);
    } finally {
      frame.release();
    }
  }

  private void handle(ByteBuf frame) {
    byte[] payload = ByteBufUtil.getBytes(frame);
    byte kind = payload[0];
    if (kind == Handshake.REJECT && payload.length >= 2) {
      String text = new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
      switch (payload[1]) {
        case Handshake.REJECT_SECRET:
          fail(AuthenticationException.class, "secret rejected by " + peer(), 0);
          return;
        case Handshake.REJECT_VERSION:
          fail(ProtocolException.class, peer() + " refused the protocol version: " + text, 0);
          return;
        default:
          fail(ProtocolException.class, peer() + " refused the handshake: " + text, 0);
          return;
      }
    }
    if (peerHello == null) {
      if (kind != Handshake.HELLO || !Handshake.hasMagic(payload)) {
        fail(
            ProtocolException.class,
            peer() + " does not speak the kaa-rpc protocol (no HELLO)",
            Handshake.REJECT_PROTOCOL);
        return;
      }
      if (payload.length < 7 || Handshake.version(payload) != Handshake.VERSION) {
        int version = payload.length < 7 ? -1 : Handshake.version(payload);
        fail(
            ProtocolException.class,
            peer()
                + " speaks kaa-rpc protocol version "
                + version
                + "; this end speaks version "
                + Handshake.VERSION,
            Handshake.REJECT_VERSION);
        return;
      }
      int expectedRole = client ? Handshake.ROLE_SERVER : Handshake.ROLE_CLIENT;
      if (payload.length == Handshake.HELLO_BYTES
          && (Handshake.maxFrame(payload) < kaa.rpc.Options.MIN_MAX_FRAME_BYTES)) {
        fail(
            ProtocolException.class,
            peer()
                + " announced a maximum frame of "
                + Integer.toUnsignedString(Handshake.maxFrame(payload))
                + " bytes; it must be between "
                + kaa.rpc.Options.MIN_MAX_FRAME_BYTES
                + " and "
                + Integer.MAX_VALUE,
            Handshake.REJECT_PROTOCOL);
        return;
      }
      if (payload.length != Handshake.HELLO_BYTES || Handshake.role(payload) != expectedRole) {
        fail(
            ProtocolException.class,
            "malformed HELLO from " + peer() + " (or both ends are " + (client ? "clients" : "servers") + ")",
            Handshake.REJECT_PROTOCOL);
        return;
      }
      peerHello = payload;
      if (client) {
        sendProof(); // the server proves itself only after the client did
      }
      return;
    }
    if (kind != Handshake.PROOF || payload.length != Handshake.PROOF_BYTES || (client && !proofSent)) {
      fail(
          ProtocolException.class,
          "unexpected frame from " + peer() + " during the handshake",
          Handshake.REJECT_PROTOCOL);
      return;
    }
    byte[] clientHello = client ? ownHello : peerHello;
    byte[] serverHello = client ? peerHello : ownHello;
    byte[] expected =
        Handshake.proof(
            secret, client ? Handshake.ROLE_SERVER : Handshake.ROLE_CLIENT, clientHello, serverHello);
    byte[] actual = new byte[expected.length];
    System.arraycopy(payload, 1, actual, 0, actual.length);
    if (!Handshake.matches(expected, actual)) {
      fail(
          AuthenticationException.class,
          client ? "secret rejected by " + peer() : "wrong secret from " + peer(),
          Handshake.REJECT_SECRET);
      return;
    }
    frames.setMaxFrame(maxFrame); // before the next frame of this read is decoded
    done = true;
    timer.cancel(false);
    held = new ArrayList<>(); // frames of this same read, until the call handler is in place
    outcome.authenticated(ctx, this, Handshake.maxFrame(peerHello));
  }

  /**
   * The server's half: proves this end knows the secret, once the outcome has accepted the
   * client. A client receiving it knows it is accepted and may send calls.
   */
  public void proveServer() {
    if (!client && ctx.channel().isActive()) {
      sendProof();
    }
  }

  private void sendProof() {
    byte[] clientHello = client ? ownHello : peerHello;
    byte[] serverHello = client ? peerHello : ownHello;
    byte[] proof =
        Handshake.proof(
            secret, client ? Handshake.ROLE_CLIENT : Handshake.ROLE_SERVER, clientHello, serverHello);
    byte[] message = new byte[Handshake.PROOF_BYTES];
    message[0] = Handshake.PROOF;
    System.arraycopy(proof, 0, message, 1, proof.length);
    // Through the channel, not this handler's context: a server proves itself after this handler
    // has left the pipeline.
    ctx.channel().writeAndFlush(Handshake.frame(ctx.alloc(), message));
    proofSent = true;
  }

  /**
   * Ends the handshake: puts {@code callHandler} in this handler's place and passes it the frames
   * that arrived after the peer's proof. Call on the event loop, from {@link
   * Outcome#authenticated}.
   */
  public void finish(ChannelHandler callHandler) {
    ctx.pipeline().addAfter(ctx.name(), "calls", callHandler);
    List<Object> pending = held;
    held = null;
    for (Object msg : pending) {
      ctx.fireChannelRead(msg);
    }
    if (!pending.isEmpty()) {
      ctx.fireChannelReadComplete();
    }
    ctx.pipeline().remove(this);
  }



  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (!done) {
      fail(
          DisconnectedException.class, "connection to " + peer() + " closed during the handshake", 0);
    }
    releaseHeld();
    ctx.fireChannelInactive();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    releaseHeld();
    if (timer != null) {
      timer.cancel(false);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (done) {
      ctx.fireExceptionCaught(cause);
      return;
    }
    fail(
        ProtocolException.class,
        "bad handshake from " + peer() + ": " + cause.getMessage(),
        Handshake.REJECT_PROTOCOL);
  }

  private void releaseHeld() {
    if (held != null) {
      for (Object msg : held) {
        ReferenceCountUtil.release(msg);
      }
      held = null;
    }
  }

  private void fail(Class<? extends RpcException> kind, String message, int rejectReason) {
    if (done) {
      return;
    }
    done = true;
    if (timer != null) {
      timer.cancel(false);
    }
    RpcException reason;
    if (kind == AuthenticationException.class) {
      reason = new AuthenticationException(message);
    } else if (kind == DisconnectedException.class) {
      reason = new DisconnectedException(message);
    } else {
      reason = new ProtocolException(message);
    }
    outcome.failed(ctx, reason);
    if (rejectReason != 0 && ctx.channel().isActive()) {
      ctx.writeAndFlush(Handshake.reject(ctx.alloc(), rejectReason, message))
          .addListener(ChannelFutureListener.CLOSE);
    } else {
      ctx.close();
    }
  }

  private String peer() {
    return Addresses.describe(ctx.channel().remoteAddress());
  }
}
