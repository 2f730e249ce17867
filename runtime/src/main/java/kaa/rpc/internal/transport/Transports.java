package kaa.rpc.internal.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.socket.nio.NioDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;

/** The Netty channel types for an address: NIO TCP or NIO Unix domain sockets. */
public final class Transports {
  private Transports() {}

  /** True for a Unix domain socket address. */
  public static boolean isUnix(SocketAddress address) {
    return address instanceof UnixDomainSocketAddress;
  }

  /** The server channel type for {@code address}. */
  public static ChannelFactory<ServerChannel> server(SocketAddress address) {
    return isUnix(address) ? NioServerDomainSocketChannel::new : NioServerSocketChannel::new;
  }

  /** The client channel type for {@code address}. */
  public static ChannelFactory<Channel> client(SocketAddress address) {
    return isUnix(address) ? NioDomainSocketChannel::new : NioSocketChannel::new;
  }
}
