package kaa.rpc.internal.transport;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/** The TLS layer of a connection, made from the {@code SslContext} in {@code Options}. */
public final class Tls {
  private Tls() {}

  /**
   * Checks that {@code context} (null: TLS off) is of the kind an end needs: a client context for a
   * client, a server context for a server.
   *
   * @throws IllegalArgumentException saying which kind is needed
   */
  public static void check(SslContext context, boolean client) {
    if (context == null || context.isClient() == client) {
      return;
    }
    throw new IllegalArgumentException(
        client
            ? "Options.sslContext holds a server context; a Client needs one built with"
                + " SslContextBuilder.forClient()"
            : "Options.sslContext holds a client context; a Server needs one built with"
                + " SslContextBuilder.forServer(...)");
  }

  /**
   * A new TLS handler for one connection. A client dialing a TCP address verifies the host name it
   * dialed against the server's certificate when its context asks for it (Netty's default, endpoint
   * identification {@code "HTTPS"}), and sends it as SNI. A Unix socket has no host name: the
   * client then checks only that the server's certificate chains to its trust manager.
   *
   * <p>The handler's own handshake timeout is off: the kaa-rpc handshake timeout, counted from
   * connect, covers the TLS handshake too.
   *
   * @param dialed the address a client connects to (ignored for a server)
   */
  public static SslHandler handler(
      SslContext context, ByteBufAllocator alloc, SocketAddress dialed) {
    SslHandler handler;
    if (context.isClient() && dialed instanceof InetSocketAddress) {
      InetSocketAddress inet = (InetSocketAddress) dialed;
      handler = context.newHandler(alloc, inet.getHostString(), inet.getPort());
    } else {
      handler = context.newHandler(alloc);
      if (context.isClient()) {
        // A host name check with no host name would refuse every certificate. Empty, not null:
        // the JDK keeps its previous algorithm when given null.
        SSLEngine engine = handler.engine();
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("");
        engine.setSSLParameters(parameters);
      }
    }
    handler.setHandshakeTimeoutMillis(0);
    return handler;
  }

  /** "TLSv1.3 TLS_AES_128_GCM_SHA256" for an established {@code handler}. */
  public static String describe(SslHandler handler) {
    return handler.engine().getSession().getProtocol()
        + " "
        + handler.engine().getSession().getCipherSuite();
  }
}
