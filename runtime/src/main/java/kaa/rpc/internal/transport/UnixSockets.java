package kaa.rpc.internal.transport;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import kaa.rpc.RpcException;

/** Unix socket files: claiming a path for a server, and removing it again. */
public final class UnixSockets {
  private static final int S_IFMT = 0170000;
  private static final int S_IFSOCK = 0140000;

  private UnixSockets() {}

  /**
   * Makes {@code address} free to bind: a stale socket file (nobody listening) is removed; a live
   * one is refused. The probe only connects and closes, which a kaa-rpc server ignores quietly.
   *
   * @throws RpcException if a server is listening there, or the path is not a socket
   */
  public static void claim(UnixDomainSocketAddress address) {
    Path path = address.getPath();
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (!isSocket(path)) {
      throw new RpcException("cannot listen on " + path + ": it exists and is not a socket");
    }
    try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      probe.connect(address);
    } catch (IOException refused) {
      try {
        Files.deleteIfExists(path); // stale: its server is gone
        return;
      } catch (IOException e) {
        throw new RpcException("cannot remove stale socket " + path + ": " + e.getMessage(), e);
      }
    }
    throw new RpcException("address in use: a server is listening on " + path);
  }

  private static boolean isSocket(Path path) {
    try {
      Object mode = Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
      return ((Integer) mode & S_IFMT) == S_IFSOCK;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return !Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)
          && !Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
    }
  }

  /** Removes the socket file of a server that closed; best effort. */
  public static void remove(UnixDomainSocketAddress address) {
    try {
      Files.deleteIfExists(address.getPath());
    } catch (IOException ignored) {
      // Nothing to do: a stale file is replaced by the next server anyway.
    }
  }
}
