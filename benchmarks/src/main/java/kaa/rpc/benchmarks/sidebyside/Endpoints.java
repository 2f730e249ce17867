package kaa.rpc.benchmarks.sidebyside;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import kaa.rpc.benchmarks.Transport;

/**
 * Addresses as the server JVM announces them to the client JVM: {@code tcp:127.0.0.1:PORT} or
 * {@code unix:/path/to/socket}. Servers listen on loopback only.
 */
final class Endpoints {
  private Endpoints() {}

  /** Loopback, port 0: the system picks a free port. */
  static InetSocketAddress anyLoopbackPort() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
  }

  /** A fresh socket path in a new temporary directory (removed by {@link #cleanUp}). */
  static UnixDomainSocketAddress newUnixSocket() throws IOException {
    Path dir = Files.createTempDirectory("kaa-sbs");
    return UnixDomainSocketAddress.of(dir.resolve("s.sock"));
  }

  /** A free loopback TCP port, for servers that cannot report the port they bound to. */
  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  static String format(SocketAddress address) {
    if (address instanceof UnixDomainSocketAddress) {
      return "unix:" + ((UnixDomainSocketAddress) address).getPath();
    }
    InetSocketAddress inet = (InetSocketAddress) address;
    return "tcp:" + inet.getAddress().getHostAddress() + ":" + inet.getPort();
  }

  static SocketAddress parse(String text) {
    if (text.startsWith("unix:")) {
      return UnixDomainSocketAddress.of(text.substring(5));
    }
    if (text.startsWith("tcp:")) {
      int colon = text.lastIndexOf(':');
      return new InetSocketAddress(text.substring(4, colon), Integer.parseInt(text.substring(colon + 1)));
    }
    throw new IllegalArgumentException("not tcp:HOST:PORT or unix:PATH: " + text);
  }

  static InetSocketAddress parseTcp(String text) {
    SocketAddress a = parse(text);
    if (!(a instanceof InetSocketAddress)) {
      throw new IllegalArgumentException("not a TCP address: " + text);
    }
    return (InetSocketAddress) a;
  }

  /** Removes a Unix socket's file and directory; nothing for TCP. */
  static void cleanUp(SocketAddress address) {
    Transport.cleanUp(address);
  }
}
