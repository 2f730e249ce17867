package kaa.rpc.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a benchmark's server listens: TCP on loopback (port 0) or a Unix domain socket in a fresh
 * temporary directory, removed by {@link #cleanUp}.
 */
public enum Transport {
  TCP,
  UNIX;

  /** Parses a JMH {@code @Param} value ({@code tcp} or {@code unix}). */
  static Transport of(String param) {
    return valueOf(param.toUpperCase(java.util.Locale.ROOT));
  }

  /** A fresh address for a server to bind. */
  SocketAddress newAddress() {
    if (this == TCP) {
      return new InetSocketAddress("127.0.0.1", 0);
    }
    try {
      Path dir = Files.createTempDirectory("kaa-bench");
      return UnixDomainSocketAddress.of(dir.resolve("bench.sock"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes what {@link #newAddress} created (the socket file and its directory), if anything. */
  public static void cleanUp(SocketAddress address) {
    if (address instanceof UnixDomainSocketAddress) {
      Path socket = ((UnixDomainSocketAddress) address).getPath();
      try {
        Files.deleteIfExists(socket);
        Files.deleteIfExists(socket.getParent());
      } catch (IOException e) {
        // Left in the temporary directory; nothing else to do.
      }
    }
  }
}
