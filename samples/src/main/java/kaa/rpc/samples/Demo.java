package kaa.rpc.samples;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import kaa.rpc.Client;
import kaa.rpc.Server;
import kaa.rpc.samples.calculator.CalculatorClient;
import kaa.rpc.samples.calculator.CalculatorService;
import kaa.rpc.samples.hub.HubClient;
import kaa.rpc.samples.hub.HubRpc;
import kaa.rpc.samples.hub.HubService;
import kaa.rpc.samples.worker.WorkerClient;
import kaa.rpc.samples.worker.WorkerService;

/**
 * The tour: starts a server and clients in this process, over a Unix socket (or the TCP address
 * given as the first argument), and prints step by step what happens: a typed call, an async
 * call, untyped calls, the server calling clients back, a job reporting progress and being
 * cancelled, and a client with the wrong secret.
 */
public final class Demo {
  private Demo() {}

  /** Runs the demo. */
  public static void main(String[] args) throws Exception {
    // kaa-rpc's log lines (slf4j-simple) go to standard output like the tour's, so they appear
    // where they happen: the server's warning about the wrong secret under step 6. Only warnings:
    // the tour itself says what connects and listens.
    setPropertyIfAbsent("org.slf4j.simpleLogger.logFile", "System.out");
    setPropertyIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    setPropertyIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
    setPropertyIfAbsent("org.slf4j.simpleLogger.showShortLogName", "true");
    run(args, System.out);
  }

  private static void setPropertyIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }

  /** Runs the demo, printing to {@code out}. */
  public static void run(String[] args, PrintStream out) throws Exception {
    Path dir = null;
    String address;
    if (args.length > 0) {
      address = args[0];
    } else {
      dir = Files.createTempDirectory("kaa-demo");
      address = dir.resolve("demo.sock").toString();
    }
    String secret = SampleSettings.secret();
    // The worker notices a cancelled job between two steps, after the client saw the cancel: step
    // 5 waits for that line, so it is printed under its own heading, not under the next one.
    CountDownLatch workerStopped = new CountDownLatch(1);
    Consumer<String> workerOut =
        line -> {
          out.println("  " + line);
          if (line.contains(" cancelled after ")) {
            workerStopped.countDown();
          }
        };
    try (Server server = new Server(address, secret);
        WorkerService worker = new WorkerService(100, workerOut)) {
      server.connect(new CalculatorService(line -> out.println("  server: " + line)));
      server.connect(worker);
      new HubService().serveOn(server);
      out.println("1. server listening on " + server.address());

      try (Client client = new Client(address, secret)) {
        client.connected().get(10, TimeUnit.SECONDS);
        out.println("2. client connected and authenticated (HMAC-SHA256 challenge-response)");

        out.println("3. calling the calculator four ways:");
        CalculatorClient.callAllWays(client, indented(out));

        out.println("4. the server calls clients back: two clients join the hub");
        BlockingQueue<String> heard = new LinkedBlockingQueue<>();
        PrintStream bobSays = lines(heard);
        try (Client alice = HubClient.connect(address, "alice", lines(new LinkedBlockingQueue<>()));
            Client bob = HubClient.connect(address, "bob", bobSays)) {
          bob.connected().get(10, TimeUnit.SECONDS);
          alice.connected().get(10, TimeUnit.SECONDS);
          HubRpc.async(bob).members().get(10, TimeUnit.SECONDS);
          waitForMembers(alice, 2);
          int received = HubRpc.proxy(alice).publish("hello, bob");
          out.println("  alice published to " + received + " members");
          String line;
          while ((line = heard.poll(10, TimeUnit.SECONDS)) != null) {
            out.println("  callback on bob's client: " + line);
            if (line.contains("hello, bob")) {
              break;
            }
          }
        }

        out.println("5. a long job reports progress through the injected Channel, then one is cancelled:");
        WorkerClient.runJobs(client, indented(out));
        if (!workerStopped.await(10, TimeUnit.SECONDS)) {
          out.println("  (the worker did not report the cancellation within 10 s)");
        }
      }

      out.println("6. a client with the wrong secret:");
      try (Client intruder = new Client(address, "not the secret")) {
        intruder.connected().get(10, TimeUnit.SECONDS);
        out.println("  unexpectedly accepted");
      } catch (ExecutionException e) {
        out.println("  " + e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage());
      }
    } finally {
      if (dir != null) {
        Files.deleteIfExists(dir.resolve("demo.sock"));
        Files.deleteIfExists(dir);
      }
    }
    out.println("7. closed; the demo is over");
  }

  private static void waitForMembers(Client client, int count) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (HubRpc.proxy(client).members().size() < count && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }

  private static PrintStream indented(PrintStream out) {
    return new PrintStream(
        new java.io.OutputStream() {
          private boolean lineStart = true;

          @Override
          public void write(int b) {
            if (lineStart) {
              out.print("  ");
            }
            out.write(b);
            lineStart = b == '\n';
          }
        },
        true);
  }

  /** A stream whose every printed line goes into {@code lines}. */
  private static PrintStream lines(BlockingQueue<String> lines) {
    return new PrintStream(
        new java.io.OutputStream() {
          private final StringBuilder line = new StringBuilder();

          @Override
          public synchronized void write(int b) {
            if (b == '\n') {
              lines.add(line.toString());
              line.setLength(0);
            } else {
              line.append((char) b);
            }
          }
        },
        true);
  }
}
