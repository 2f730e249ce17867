package kaa.rpc.internal.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Set;
import kaa.rpc.RpcException;

/**
 * Reads addresses the way kaa.rpc does:
 *
 * <ul>
 *   <li>{@code "host:port"}, {@code "[v6]:port"}: TCP;
 *   <li>a string holding {@code /}: a Unix domain socket at that path;
 *   <li>a bare name (no {@code /}, no {@code :}): a Unix socket in the per-user directory {@code
 *       <java.io.tmpdir>/kaa-<user.name>/}, created with mode 0700.
 * </ul>
 */
public final class Addresses {
  /** The forms, for error messages. */
  public static final String FORMS =
      "\"host:port\", \"[v6addr]:port\", a Unix socket path holding '/', or a bare name for a"
          + " socket in the per-user directory";

  private Addresses() {}

  /**
   * Parses {@code address}.
   *
   * @throws IllegalArgumentException if it is malformed, naming the forms
   * @throws RpcException if the per-user directory is unsafe or cannot be made
   */
  public static SocketAddress parse(String address) {
    Objects.requireNonNull(address, "address");
    String a = address.trim();
    if (a.isEmpty()) {
      throw new IllegalArgumentException("empty address; expected " + FORMS);
    }
    if (a.indexOf('/') >= 0) {
      return UnixDomainSocketAddress.of(a);
    }
    if (a.startsWith("[")) {
      int close = a.indexOf("]:");
      if (close < 0) {
        throw new IllegalArgumentException("malformed address \"" + address + "\"; expected " + FORMS);
      }
      return tcp(address, a.substring(1, close), a.substring(close + 2));
    }
    int colon = a.lastIndexOf(':');
    if (colon >= 0) {
      if (a.indexOf(':') != colon) {
        throw new IllegalArgumentException(
            "malformed address \"" + address + "\": put an IPv6 address in brackets; expected " + FORMS);
      }
      return tcp(address, a.substring(0, colon), a.substring(colon + 1));
    }
    return UnixDomainSocketAddress.of(userDirectory().resolve(a));
  }

  /** Accepts the socket address types kaa-rpc supports. */
  public static SocketAddress check(SocketAddress address) {
    Objects.requireNonNull(address, "address");
    if (address instanceof InetSocketAddress || address instanceof UnixDomainSocketAddress) {
      return address;
    }
    throw new IllegalArgumentException(
        "unsupported address type " + address.getClass().getName() + "; expected " + FORMS);
  }

  /** The text form of an address, as messages show it and as {@link #parse} reads it back. */
  public static String describe(SocketAddress address) {
    if (address instanceof UnixDomainSocketAddress) {
      String path = ((UnixDomainSocketAddress) address).getPath().toString();
      return path.isEmpty() ? "a local client" : path;
    }
    if (address == null) {
      return "an unknown peer";
    }
    if (address instanceof InetSocketAddress) {
      InetSocketAddress inet = (InetSocketAddress) address;
      String host =
          inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString();
      return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + inet.getPort();
    }
    return String.valueOf(address);
  }

  private static SocketAddress tcp(String original, String host, String portText) {
    int port;
    try {
      port = Integer.parseInt(portText);
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 0 || port > 65535 || host.isEmpty()) {
      throw new IllegalArgumentException(
          "malformed address \"" + original + "\": bad host or port; expected " + FORMS);
    }
    return new InetSocketAddress(host, port);
  }

  /**
   * The per-user socket directory, created with mode 0700 if missing. An existing one that
   * another user owns, or that others can enter, is refused.
   */
  public static Path userDirectory() {
    Path dir =
        Paths.get(System.getProperty("java.io.tmpdir"), "kaa-" + System.getProperty("user.name"));
    try {
      if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
        try {
          Files.createDirectory(
              dir,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (java.nio.file.FileAlreadyExistsException raced) {
          // Another process made it first; check it like any existing directory.
        }
      }
      if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
        throw new RpcException("socket directory " + dir + " exists but is not a directory");
      }
      String owner = Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).getName();
      if (!owner.equals(System.getProperty("user.name"))) {
        throw new RpcException(
            "socket directory " + dir + " is owned by " + owner + ", not by this user; refusing it");
      }
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
      for (PosixFilePermission p : perms) {
        if (p.name().startsWith("GROUP_") || p.name().startsWith("OTHERS_")) {
          throw new RpcException(
              "socket directory "
                  + dir
                  + " has mode "
                  + PosixFilePermissions.toString(perms)
                  + ", so other users can enter it; refusing it (expected rwx------)");
        }
      }
      return dir;
    } catch (IOException e) {
      throw new RpcException("cannot prepare socket directory " + dir + ": " + e.getMessage(), e);
    }
  }
}
