package kaa.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import kaa.rpc.internal.transport.Addresses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AddressesTest {
  @Test
  void readsKaaAddressForms() {
    InetSocketAddress tcp = assertInstanceOf(InetSocketAddress.class, Addresses.parse("127.0.0.1:7700"));
    assertEquals(7700, tcp.getPort());
    InetSocketAddress v6 = assertInstanceOf(InetSocketAddress.class, Addresses.parse("[::1]:80"));
    assertEquals(80, v6.getPort());
    assertEquals("[0:0:0:0:0:0:0:1]:80", Addresses.describe(v6));
    UnixDomainSocketAddress path =
        assertInstanceOf(UnixDomainSocketAddress.class, Addresses.parse("/run/user/1000/calc.sock"));
    assertEquals("/run/user/1000/calc.sock", path.getPath().toString());
    UnixDomainSocketAddress bare = assertInstanceOf(UnixDomainSocketAddress.class, Addresses.parse("calc"));
    assertEquals(Addresses.userDirectory().resolve("calc"), bare.getPath());
  }

  @Test
  void malformedAddressesNameTheForms() {
    for (String bad : new String[] {"", "  ", "host:", "host:99999", "host:port", "::1:80", "[::1]80"}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Addresses.parse(bad), bad);
      assertTrue(e.getMessage().contains("host:port"), e.getMessage());
    }
    assertThrows(NullPointerException.class, () -> Addresses.parse(null));
  }

  @Test
  void userDirectoryIsPrivate() throws Exception {
    Path dir = Addresses.userDirectory();
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
  }

  @Test
  void openUserDirectoryIsRefused(@TempDir Path tmp) throws Exception {
    String saved = System.getProperty("java.io.tmpdir");
    Path open = tmp.resolve("kaa-" + System.getProperty("user.name"));
    Files.createDirectory(open);
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
    System.setProperty("java.io.tmpdir", tmp.toString());
    try {
      RpcException e = assertThrows(RpcException.class, () -> Addresses.parse("calc"));
      assertTrue(e.getMessage().contains(open.toString()), e.getMessage());
      assertTrue(e.getMessage().contains("other users"), e.getMessage());
    } finally {
      System.setProperty("java.io.tmpdir", saved);
    }
  }

  @Test
  void staleSocketFileIsReplacedAndALiveOneRefused(@TempDir Path dir) throws Exception {
    String path = dir.resolve("s.sock").toString();
    // A server that dies without cleaning up leaves a stale socket file.
    try (java.nio.channels.ServerSocketChannel orphan =
        java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
      orphan.bind(UnixDomainSocketAddress.of(path));
    }
    assertTrue(Files.exists(Path.of(path)));
    try (Server server = new Server(path, "s")) {
      server.connect(new TestDispatchers.Calculator());
      try (Client client = new Client(path, "s")) {
        // A second server on a live socket is refused, and does not disturb the first.
        RpcException e = assertThrows(RpcException.class, () -> new Server(path, "s"));
        assertTrue(e.getMessage().contains("address in use"), e.getMessage());
        assertTrue(e.getMessage().contains(path), e.getMessage());
        assertEquals(3, client.rpc("add", 1, 2).get(5, TimeUnit.SECONDS));
      }
    }
    assertFalse(Files.exists(Path.of(path)), "close removes the socket file");
  }

  @Test
  void tcpPortInUseNamesTheAddress() throws Exception {
    try (Server server = new Server("127.0.0.1:0", "s")) {
      String address = Addresses.describe(server.address());
      RpcException e = assertThrows(RpcException.class, () -> new Server(address, "s"));
      assertTrue(e.getMessage().contains(address), e.getMessage());
      assertTrue(e.getMessage().contains("in use"), e.getMessage());
    }
  }

  @Test
  void regularFileIsNotTakenForASocket(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("notes.txt"), "keep me");
    RpcException e = assertThrows(RpcException.class, () -> new Server(file.toString(), "s"));
    assertTrue(e.getMessage().contains("not a socket"), e.getMessage());
    assertEquals("keep me", Files.readString(file));
  }

  @Test
  void emptySecretIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new Server("127.0.0.1:0", ""));
  }
}
