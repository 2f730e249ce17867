package kaa.rpc.internal.auth;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import kaa.rpc.RpcException;
import kaa.rpc.TlsException;
import kaa.rpc.internal.transport.Addresses;
import kaa.rpc.internal.transport.FrameDecoder;
import kaa.rpc.internal.transport.Tls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the handshake ({@link Handshake}) on a new connection. Until it completes only handshake
 * frames are accepted and nothing is deserialized. When the peer has proved it knows the secret,
 * {@link Outcome#authenticated} is called; the outcome calls {@link #finish} (at once, or after
 * running listeners) to put the call handler in its place. Frames that arrive in between are held
 * and reading pauses. Not sharable.
 *
 * <p>With TLS on, the HELLO goes out once the TLS handshake has completed, and a TLS failure fails
 * the handshake with a {@link TlsException}. A peer that is not kaa-rpc (its first bytes are not a
 * HELLO: an HTTP server, a TLS end facing a plain one) fails it with an error that says what the
 * peer sent ({@link ForeignBytes}).
 */
public final class HandshakeHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(HandshakeHandler.class);

  /** What happens when the handshake ends. Both methods run on the event loop. */
  public interface Outcome {
    /**
     * The peer is authenticated and accepts frames up to {@code peerMaxFrame} bytes. The outcome
     * puts a call handler in place with {@link #finish}; a server then calls {@link #proveServer},
     * having accepted the client.
     */
    void authenticated(ChannelHandlerContext ctx, HandshakeHandler handshake, int peerMaxFrame);

    /** The handshake failed; the connection is closing. */
    void failed(ChannelHandlerContext ctx, RpcException reason);
  }

  private final boolean client;
  private final byte[] secret;
  private final int maxFrame;
  private final Duration timeout;
  private final boolean tls;
  private final FrameDecoder frames;
  private final Outcome outcome;

  private boolean started;

  /** TLS is on and its handshake has not completed: nothing of ours can be sent yet. */
  private boolean tlsPending;

  private byte[] ownHello;
  private byte[] peerHello;
  private boolean proofSent;
  private boolean done;
  private boolean failed;
  private ChannelHandlerContext ctx;
  private ScheduledFuture<?> timer;
  private final HeldFrames held = new HeldFrames();

  /**
   * A handler for the client ({@code client} true) or server end, proving {@code secret} and
   * announcing {@code maxFrame}; with {@code tls}, behind an {@link SslHandler} whose handshake it
   * waits for.
   */
  public HandshakeHandler(
      boolean client,
      byte[] secret,
      int maxFrame,
      Duration timeout,
      boolean tls,
      FrameDecoder frames,
      Outcome outcome) {
    this.client = client;
    this.secret = secret;
    this.maxFrame = maxFrame;
    this.timeout = timeout;
    this.tls = tls;
    this.tlsPending = tls;
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
    if (started) {
      return;
    }
    started = true;
    if (!client) {
      log.debug("accepted connection from {}{}", peer(), tls ? " (TLS)" : "");
    }
    timer = ctx.executor().schedule(this::timedOut, timeout.toNanos(), TimeUnit.NANOSECONDS);
    if (!tlsPending) {
      sendHello(ctx);
    }
  }

  private void sendHello(ChannelHandlerContext ctx) {
    ownHello = Handshake.hello(client ? Handshake.ROLE_CLIENT : Handshake.ROLE_SERVER, maxFrame);
    ctx.writeAndFlush(Handshake.frame(ctx.alloc(), ownHello));
  }

  private void timedOut() {
    fail(HandshakeFailures.timedOut(tlsPending, peer(), timeout));
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof SslHandshakeCompletionEvent && tlsPending && !done) {
      SslHandshakeCompletionEvent tlsDone = (SslHandshakeCompletionEvent) evt;
      if (tlsDone.isSuccess()) {
        tlsPending = false;
        sendHello(ctx);
      } else {
        tlsFailed(tlsDone.cause());
      }
    }
    ctx.fireUserEventTriggered(evt);
  }

  /** The TLS handshake failed, or the peer sent a TLS alert soon after it. */
  private void tlsFailed(Throwable cause) {
    RpcException reason = TlsFailure.reason(cause, peer(), client);
    if (!client && TlsFailure.isPlainHello(cause)) {
      rejectInClear(reason.getMessage());
    }
    fail(reason, 0, true);
  }

  /**
   * Tells a kaa-rpc client that has TLS off why it is refused, in the only form it can read: a
   * REJECT written under the TLS layer.
   */
  private void rejectInClear(String message) {
    ChannelHandlerContext below = ctx.pipeline().context(SslHandler.class);
    if (below != null && ctx.channel().isActive()) {
      below.writeAndFlush(Handshake.reject(ctx.alloc(), Handshake.REJECT_TLS, message));
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (done) {
      if (!held.hold(msg)) { // held: authenticated, waiting for finish(): keep order
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
      fail(HandshakeFailures.rejectedBy(payload, peer()), 0);
      return;
    }
    if (peerHello == null) {
      HandshakeFailures.Refusal refusal = HandshakeFailures.checkHello(payload, client, peer());
      if (refusal != null) {
        fail(refusal);
        return;
      }
      peerHello = payload;
      if (client) {
        sendProof(); // the server proves itself only after the client did
      }
      return;
    }
    if (kind != Handshake.PROOF
        || payload.length != Handshake.PROOF_BYTES
        || (client && !proofSent)) {
      fail(HandshakeFailures.unexpectedFrame(peer()));
      return;
    }
    byte[] clientHello = client ? ownHello : peerHello;
    byte[] serverHello = client ? peerHello : ownHello;
    int peerRole = client ? Handshake.ROLE_SERVER : Handshake.ROLE_CLIENT;
    if (!Handshake.proves(payload, secret, peerRole, clientHello, serverHello)) {
      fail(HandshakeFailures.wrongProof(client, peer()));
      return;
    }
    frames.setMaxFrame(maxFrame); // before the next frame of this read is decoded
    done = true;
    timer.cancel(false);
    if (log.isDebugEnabled()) {
      log.debug(
          "authenticated {} {} (kaa-rpc protocol {}, {})",
          client ? "server" : "client",
          peer(),
          Handshake.VERSION,
          tls ? Tls.describe(ctx.pipeline().get(SslHandler.class)) : "no TLS");
    }
    held.start(); // frames of this same read, until the call handler is in place
    outcome.authenticated(ctx, this, Handshake.maxFrame(peerHello));
  }

  /**
   * The server's half: proves this end knows the secret, once the outcome has accepted the client.
   * A client receiving it knows it is accepted and may send calls.
   */
  public void proveServer() {
    if (!client && ctx.channel().isActive()) {
      sendProof();
    }
  }

  private void sendProof() {
    byte[] clientHello = client ? ownHello : peerHello;
    byte[] serverHello = client ? peerHello : ownHello;
    byte[] message =
        Handshake.proofMessage(
            secret,
            client ? Handshake.ROLE_CLIENT : Handshake.ROLE_SERVER,
            clientHello,
            serverHello);
    // Through the channel, not this handler's context: a server proves itself after this handler
    // has left the pipeline.
    ctx.channel().writeAndFlush(Handshake.frame(ctx.alloc(), message));
    proofSent = true;
  }

  /**
   * Ends the handshake: puts {@code callHandler} in this handler's place and passes it the frames
   * that arrived after the peer's proof; the frames after those are read by {@code reader} where
   * they lie in the frame decoder's buffer. Call on the event loop, from {@link
   * Outcome#authenticated}.
   */
  public void finish(ChannelHandler callHandler, FrameDecoder.FrameReader reader) {
    ctx.pipeline().addAfter(ctx.name(), "calls", callHandler);
    held.passOn(ctx);
    frames.readWith(reader);
    ctx.pipeline().remove(this);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (!done) {
      fail(HandshakeFailures.closed(peer(), peerHello == null && !tlsPending), 0);
    }
    held.release();
    ctx.fireChannelInactive();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    held.release();
    if (timer != null) {
      timer.cancel(false);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (failed) {
      return; // reported already; the connection is closing
    }
    if (done) {
      ctx.fireExceptionCaught(cause);
      return;
    }
    SSLException tlsCause = HandshakeFailures.sslException(cause);
    if (tlsCause != null) {
      tlsFailed(tlsCause); // e.g. an alert right after the TLS handshake (TLS 1.3 client auth)
    } else if (peerHello == null && frames.refusedBytes() != null) {
      fail(HandshakeFailures.notAPeer(frames.refusedBytes(), peer()));
    } else {
      fail(HandshakeFailures.badFrame(peer(), cause));
    }
  }

  /**
   * Ends the handshake with {@code reason}; sends the peer a REJECT with {@code rejectReason}
   * unless it is 0 or nothing can be sent (TLS not established), then closes.
   */
  private void fail(RpcException reason, int rejectReason) {
    fail(reason, rejectReason, false);
  }

  private void fail(HandshakeFailures.Refusal refusal) {
    fail(refusal.reason(), refusal.rejectReason(), false);
  }

  private void fail(RpcException reason, int rejectReason, boolean tlsFailure) {
    if (done) {
      return;
    }
    done = true;
    failed = true;
    if (timer != null) {
      timer.cancel(false);
    }
    outcome.failed(ctx, reason);
    if (rejectReason != 0 && !tlsPending && ctx.channel().isActive()) {
      ctx.writeAndFlush(Handshake.reject(ctx.alloc(), rejectReason, reason.getMessage()))
          .addListener(ChannelFutureListener.CLOSE);
    } else if (tlsFailure) {
      // The TLS handler is still sending its alert and closes the channel itself; close after
      // it, in case it does not.
      ctx.executor().execute(ctx::close);
    } else {
      ctx.close();
    }
  }

  private String peer() {
    return Addresses.describe(ctx.channel().remoteAddress());
  }
}
