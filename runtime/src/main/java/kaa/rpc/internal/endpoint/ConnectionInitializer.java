package kaa.rpc.internal.endpoint;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.SslContext;
import java.net.SocketAddress;
import kaa.rpc.internal.auth.Handshake;
import kaa.rpc.internal.auth.HandshakeHandler;
import kaa.rpc.internal.call.Endpoint;
import kaa.rpc.internal.transport.FrameDecoder;
import kaa.rpc.internal.transport.Tls;
import kaa.rpc.internal.transport.Transports;

/**
 * Sets up a new connection, client or server side: TLS if the options carry an {@code
 * SslContext}, the frame decoder, held to the handshake's small limit, then the handshake, which
 * starts once TLS is established. The handshake puts the call handler in its own place.
 */
final class ConnectionInitializer extends ChannelInitializer<Channel> {
  private final boolean client;
  private final SocketAddress address;
  private final Endpoint endpoint;
  private final HandshakeHandler.Outcome outcome;

  ConnectionInitializer(
      boolean client, SocketAddress address, Endpoint endpoint, HandshakeHandler.Outcome outcome) {
    this.client = client;
    this.address = address;
    this.endpoint = endpoint;
    this.outcome = outcome;
  }

  @Override
  protected void initChannel(Channel ch) {
    if (!Transports.isUnix(address)) {
      ch.config().setOption(ChannelOption.TCP_NODELAY, true);
    }
    SslContext tls = endpoint.options().sslContext();
    if (tls != null) {
      ch.pipeline().addLast("tls", Tls.handler(tls, ch.alloc(), address));
    }
    FrameDecoder frames = new FrameDecoder(Handshake.MAX_FRAME);
    ch.pipeline()
        .addLast("frames", frames)
        .addLast(
            "handshake",
            new HandshakeHandler(
                client,
                endpoint.secretBytes(),
                endpoint.options().maxFrameBytes(),
                endpoint.options().handshakeTimeout(),
                tls != null,
                frames,
                outcome));
  }
}
