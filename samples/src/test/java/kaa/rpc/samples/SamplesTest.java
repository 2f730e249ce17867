package kaa.rpc.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import kaa.rpc.Client;
import kaa.rpc.Server;
import kaa.rpc.samples.hub.HubClient;
import kaa.rpc.samples.hub.HubRpc;
import kaa.rpc.samples.hub.HubService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SamplesTest {
  @Test
  void demoShowsEveryStep() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Demo.run(new String[0], new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains("typed blocking:   calc.add(1, 2) = 3"), out);
    assertTrue(out.contains("typed async:      factorial(20) = 2432902008176640000"), out);
    assertTrue(out.contains("untyped:          rpc(\"add\", 40, 2) = 42"), out);
    assertTrue(out.contains("= did something with 4"), out);
    assertTrue(out.contains("callback on bob's client: [bob] alice says: hello, bob"), out);
    assertTrue(out.contains("progress of index-photos: 3/3"), out);
    assertTrue(out.contains("resize-videos cancelled: true"), out);
    assertTrue(out.contains("AuthenticationException: secret rejected by"), out);
    assertTrue(out.contains("7. closed"), out);
  }

  @Test
  void demoRunsOverTcpToo() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int port;
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    Demo.run(new String[] {"127.0.0.1:" + port}, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains("calc.add(1, 2) = 3"), out);
    assertTrue(out.contains("7. closed"), out);
  }

  @Test
  void hubClientRejoinsAfterAServerRestart(@TempDir Path dir) throws Exception {
    String address = dir.resolve("hub.sock").toString();
    BlockingQueue<String> heard = new LinkedBlockingQueue<>();
    PrintStream carol = new PrintStream(new LineSink(heard), true, StandardCharsets.UTF_8);
    Server first = new Server(address, SampleSettings.secret());
    new HubService().serveOn(first);
    try (Client client = HubClient.connect(address, "carol", carol)) {
      assertEquals("[carol] carol joined", heard.poll(10, TimeUnit.SECONDS));
      first.close();
      assertTrue(heard.poll(10, TimeUnit.SECONDS).startsWith("[carol] disconnected"));
      try (Server second = new Server(address, SampleSettings.secret())) {
        new HubService().serveOn(second);
        assertEquals("[carol] carol joined", heard.poll(10, TimeUnit.SECONDS));
        assertEquals(1, (int) HubRpc.async(client).publish("back again").get(10, TimeUnit.SECONDS));
        assertEquals("[carol] carol says: back again", heard.poll(10, TimeUnit.SECONDS));
      }
    }
  }

  @Test
  void secretComesFromTheEnvironment() {
    assertEquals("abc", SampleSettings.secret(Map.of("KAA_RPC_SECRET", "abc")));
    assertEquals(SampleSettings.DEMO_SECRET, SampleSettings.secret(Map.of()));
  }

  /** Collects printed lines. */
  private static final class LineSink extends java.io.OutputStream {
    private final BlockingQueue<String> lines;
    private final StringBuilder line = new StringBuilder();

    LineSink(BlockingQueue<String> lines) {
      this.lines = lines;
    }

    @Override
    public synchronized void write(int b) {
      if (b == '\n') {
        lines.add(line.toString());
        line.setLength(0);
      } else {
        line.append((char) b);
      }
    }
  }
}
