package kaa.rpc.internal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import kaa.rpc.ProtocolException;
import kaa.rpc.RpcException;
import kaa.rpc.TlsException;
import kaa.rpc.internal.transport.FrameDecoder;
import org.junit.jupiter.api.Test;

class HandshakeHandlerTest {
  private final RecordingOutcome outcome = new RecordingOutcome();

  @Test
  void anHttpServerIsNamedNotAKaaRpcPeer() {
    EmbeddedChannel channel = channel(true, false);
    assertHello(channel.readOutbound());
    channel.writeInbound(ascii("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n"));
    RpcException failure = outcome.failure;
    assertInstanceOf(ProtocolException.class, failure);
    assertFalse(failure instanceof TlsException);
    assertEquals(
        "embedded is not a kaa-rpc peer: it sent \"HTTP/1.1 400 Bad Request\" (an HTTP server?)",
        failure.getMessage());
    assertEquals(failure.getMessage(), rejectText(channel.readOutbound()));
    assertFalse(channel.isActive());
    channel.finishAndReleaseAll();
  }

  @Test
  void aTlsRecordOnAPlainConnectionSaysTls() {
    EmbeddedChannel channel = channel(false, false);
    assertHello(channel.readOutbound());
    channel.writeInbound(
        Unpooled.wrappedBuffer(new byte[] {0x16, 0x03, 0x01, 0x00, (byte) 0xf4, 0x01, 0x00}));
    assertInstanceOf(TlsException.class, outcome.failure);
    assertEquals(
        "embedded is not a kaa-rpc peer: it sent a TLS record (a ClientHello): is TLS on at that"
            + " end? It is off at this end (Options.sslContext)",
        outcome.failure.getMessage());
    channel.finishAndReleaseAll();
  }

  @Test
  void aShortFirstFrameThatIsNotAHelloIsShown() {
    EmbeddedChannel channel = channel(false, false);
    assertHello(channel.readOutbound());
    channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {0, 0, 0, 5, 'h', 'e', 'l', 'l', 'o'}));
    assertEquals(
        "embedded is not a kaa-rpc peer: it sent bytes 00 00 00 05 68 65 6c 6c 6f",
        outcome.failure.getMessage());
    channel.finishAndReleaseAll();
  }

  @Test
  void withTlsTheHelloWaitsForTheTlsHandshake() {
    EmbeddedChannel channel = channel(true, true);
    assertNull(channel.readOutbound());
    channel.pipeline().fireUserEventTriggered(SslHandshakeCompletionEvent.SUCCESS);
    assertHello(channel.readOutbound());
    assertNull(outcome.failure);
    channel.finishAndReleaseAll();
  }

  @Test
  void aPlainKaaRpcPeerFacingTlsIsToldApart() {
    EmbeddedChannel channel = channel(true, true);
    // What Netty's TLS handler reports when the server sends its HELLO in clear text.
    channel
        .pipeline()
        .fireUserEventTriggered(
            new SslHandshakeCompletionEvent(
                new NotSslRecordException(
                    "not an SSL/TLS record: 0000002c014b41415200010101000000")));
    assertInstanceOf(TlsException.class, outcome.failure);
    assertEquals(
        "embedded is not a TLS peer: it sent a kaa-rpc HELLO in clear text: is TLS off at that"
            + " end? It is on at this end (Options.sslContext)",
        outcome.failure.getMessage());
    assertNull(channel.readOutbound()); // nothing can go out over a failed TLS handshake
    channel.runPendingTasks();
    assertFalse(channel.isActive());
    channel.finishAndReleaseAll();
  }

  @Test
  void aTlsFailureIsReportedOnce() {
    EmbeddedChannel channel = channel(true, true);
    javax.net.ssl.SSLHandshakeException cause =
        new javax.net.ssl.SSLHandshakeException("PKIX path building failed");
    channel.pipeline().fireUserEventTriggered(new SslHandshakeCompletionEvent(cause));
    channel.pipeline().fireExceptionCaught(new io.netty.handler.codec.DecoderException(cause));
    assertEquals(1, outcome.failures);
    assertEquals(
        "TLS handshake with embedded failed: PKIX path building failed (the server's certificate"
            + " is not trusted: give the client's SslContextBuilder a trustManager holding the"
            + " certificate authority that signed it)",
        outcome.failure.getMessage());
    channel.checkException(); // the second report was not passed on
    channel.finishAndReleaseAll();
  }

  private EmbeddedChannel channel(boolean client, boolean tls) {
    FrameDecoder frames = new FrameDecoder(Handshake.MAX_FRAME);
    return new EmbeddedChannel(
        frames,
        new HandshakeHandler(
            client,
            "secret".getBytes(StandardCharsets.UTF_8),
            1 << 20,
            Duration.ofSeconds(10),
            tls,
            frames,
            outcome));
  }

  private static void assertHello(ByteBuf frame) {
    assertNotNull(frame);
    try {
      assertEquals(Handshake.HELLO_BYTES, frame.readInt());
      assertEquals(Handshake.HELLO, frame.readByte());
    } finally {
      frame.release();
    }
  }

  private static String rejectText(ByteBuf frame) {
    assertNotNull(frame);
    try {
      frame.skipBytes(4);
      assertEquals(Handshake.REJECT, frame.readByte());
      assertEquals(Handshake.REJECT_PROTOCOL, frame.readByte());
      return frame.toString(StandardCharsets.UTF_8);
    } finally {
      frame.release();
    }
  }

  private static ByteBuf ascii(String text) {
    return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
  }

  private static final class RecordingOutcome implements HandshakeHandler.Outcome {
    RpcException failure;
    int failures;

    @Override
    public void authenticated(
        ChannelHandlerContext ctx, HandshakeHandler handshake, int peerMaxFrame) {
      throw new AssertionError("authenticated");
    }

    @Override
    public void failed(ChannelHandlerContext ctx, RpcException reason) {
      failure = reason;
      failures++;
    }
  }
}
