package kaa.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.util.internal.PlatformDependent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import kaa.rpc.internal.auth.RawPeer;
import kaa.rpc.testing.Relay;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Peers that misbehave at scale, each in the shape that broke the first call layer. Run with
 * {@code mvn -B verify -Pstress -pl runtime -am}; each test prints its figures on one line
 * starting with {@code STRESS}.
 */
@Tag("stress")
class StressTest {
  private static final String SECRET = "s3cret";
  private static final int KIB_64 = 64 * 1024;

  /** D1: a connection that was throttled is read again once the peer reads again. */
  @Test
  void clientThatStopsAndResumesReadingGetsEveryResult() throws Exception {
    Options direct = Options.builder().executor(Runnable::run).build();
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    try (Server server = new Server("127.0.0.1:0", SECRET, direct);
        Relay relay = new Relay(server.address());
        Client client = new Client(relay.address(), SECRET)) {
      server.connect(TestDispatchers.constant("big", new byte[KIB_64]));
      client.connected().get(10, TimeUnit.SECONDS);
      int rounds = 20;
      int perRound = 300;
      int delivered = 0;
      long start = System.nanoTime();
      for (int round = 0; round < rounds; round++) {
        relay.pauseDownstream();
        List<CompletableFuture<Object>> calls = new ArrayList<>();
        for (int i = 0; i < perRound; i++) {
          calls.add(client.rpc("big"));
        }
        // The relay is a network that stalls for a moment: the server's writes back up.
        timer.schedule(relay::resumeDownstream, 200, TimeUnit.MILLISECONDS);
        for (CompletableFuture<Object> call : calls) {
          assertEquals(KIB_64, ((byte[]) call.get(20, TimeUnit.SECONDS)).length, "round " + round);
          delivered++;
        }
      }
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      System.out.printf(
          "STRESS D1 stop/resume reading: %d of %d results delivered in %d rounds, %d ms%n",
          delivered, rounds * perRound, rounds, ms);
      assertEquals(rounds * perRound, delivered);
    } finally {
      timer.shutdownNow();
    }
  }

  /** D2: a client that never reads cannot make the server buffer its results without bound. */
  @Test
  void clientThatNeverReadsCannotMakeTheServerBuffer() throws Exception {
    int calls = 10_000;
    AtomicInteger ran = new AtomicInteger();
    try (Server server = new Server("127.0.0.1:0", SECRET);
        Client bystander = new Client(server.address(), SECRET)) {
      byte[] big = new byte[KIB_64];
      server.connect(
          TestDispatchers.function(
              "big",
              (caller, args) -> {
                ran.incrementAndGet();
                return big;
              }));
      server.connect(new TestDispatchers.Calculator());
      bystander.connected().get(10, TimeUnit.SECONDS);
      assertEquals(3, bystander.rpc("add", 1, 2).get(10, TimeUnit.SECONDS));
      long before = directMemory();
      Sampler peak = new Sampler(StressTest::directMemory);
      try (RawPeer peer = new RawPeer(server.address())) {
        assertTrue(peer.authenticate(SECRET, 1 << 24));
        Thread writer = sendCalls(peer, "big", calls);
        // Watch the server while the peer reads nothing.
        waitUntilStill(ran, Duration.ofSeconds(20));
        int runWhileStalled = ran.get();
        assertEquals(3, bystander.rpc("add", 1, 2).get(10, TimeUnit.SECONDS), "bystander stalled");
        long growth = peak.max() - before;
        // Now read: every call gets its result (held ones are sent as the buffer drains).
        int results = 0;
        int errors = 0;
        for (int i = 0; i < calls; i++) {
          byte[] frame = peer.readFrame();
          if (frame[0] == 0x12) {
            results++;
          } else if (frame[0] == 0x13) {
            errors++;
          }
        }
        writer.join(10_000);
        System.out.printf(
            "STRESS D2 never-reading client: %d calls, %d ran while it did not read, direct memory"
                + " growth %d MiB (peak %d MiB); then %d results + %d errors%n",
            calls, runWhileStalled, growth >> 20, peak.max() >> 20, results, errors);
        assertEquals(0, errors, "an honest slow reader gets no errors");
        assertEquals(calls, results);
        assertTrue(growth < 64L << 20, "direct memory grew by " + (growth >> 20) + " MiB");
      } finally {
        peak.close();
      }
    }
  }

  /** D4: a peer that freezes is noticed within interval + timeout, and the client reconnects. */
  @Test
  void frozenRelayIsDetectedWithinIntervalPlusTimeout() throws Exception {
    Duration interval = Duration.ofMillis(500);
    Duration timeout = Duration.ofMillis(500);
    Options keep = Options.builder().keepAliveInterval(interval).keepAliveTimeout(timeout).build();
    Options reconnecting = keep.toBuilder().reconnectInterval(Duration.ofMillis(100)).build();
    java.util.concurrent.BlockingQueue<String> events = new java.util.concurrent.LinkedBlockingQueue<>();
    CompletableFuture<RpcException> serverLost = new CompletableFuture<>();
    try (Server server = new Server("127.0.0.1:0", SECRET, keep);
        Relay relay = new Relay(server.address());
        Client client = new Client(relay.address(), SECRET, reconnecting)) {
      server.connect(new TestDispatchers.Calculator());
      server.onClientConnected(ch -> ch.onDisconnected((c, why) -> serverLost.complete(why)));
      client.onConnected(c -> events.add("up"));
      client.onDisconnected((c, why) -> events.add(why.getClass().getSimpleName() + ": " + why.getMessage()));
      assertEquals(3, client.rpc("add", 1, 2).get(10, TimeUnit.SECONDS));
      assertEquals("up", events.poll(10, TimeUnit.SECONDS));
      relay.freeze();
      long t0 = System.nanoTime();
      CompletableFuture<Object> stuck = client.rpc("add", 2, 2);
      String down = events.poll(10, TimeUnit.SECONDS);
      long detectedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      assertTrue(down != null && down.startsWith("DisconnectedException: no answer from"), down);
      Throwable failed =
          org.junit.jupiter.api.Assertions.assertThrows(
                  java.util.concurrent.ExecutionException.class, () -> stuck.get(5, TimeUnit.SECONDS))
              .getCause();
      assertTrue(failed instanceof DisconnectedException, String.valueOf(failed));
      RpcException serverSide = serverLost.get(10, TimeUnit.SECONDS);
      long serverMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      assertTrue(serverSide.getMessage().startsWith("no answer from"), serverSide.getMessage());
      assertEquals("up", events.poll(10, TimeUnit.SECONDS), "reconnected");
      long reconnectedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      assertEquals(5, client.rpc("add", 2, 3).get(10, TimeUnit.SECONDS));
      System.out.printf(
          "STRESS D4 frozen relay (keep-alive %d ms + %d ms): client noticed after %d ms, server"
              + " after %d ms, reconnected after %d ms (%s)%n",
          interval.toMillis(), timeout.toMillis(), detectedMs, serverMs, reconnectedMs, down);
      long bound = interval.toMillis() + timeout.toMillis();
      assertTrue(detectedMs <= bound + 1000, "noticed after " + detectedMs + " ms");
    }
  }

  /** D5: pipelined calls to a blocking method cannot make the server start a thread per call. */
  @Test
  void pipelinedSleepingCallsKeepServerThreadsBounded() throws Exception {
    int calls = 10_000;
    AtomicInteger started = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1); // each call blocks until the test ends
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    try (Server server = new Server("127.0.0.1:0", SECRET);
        Client bystander = new Client(server.address(), SECRET)) {
      server.connect(
          TestDispatchers.function(
              "nap",
              (caller, args) -> {
                started.incrementAndGet();
                release.await(30, TimeUnit.SECONDS);
                return null;
              }));
      server.connect(new TestDispatchers.Calculator());
      bystander.connected().get(10, TimeUnit.SECONDS);
      int baseline = threads.getThreadCount();
      Sampler peak = new Sampler(() -> threads.getThreadCount());
      try (RawPeer peer = new RawPeer(server.address())) {
        assertTrue(peer.authenticate(SECRET, 1 << 24));
        Thread writer = sendCalls(peer, "nap", calls);
        waitUntilStill(started, Duration.ofSeconds(3));
        long t0 = System.nanoTime();
        assertEquals(3, bystander.rpc("add", 1, 2).get(4, TimeUnit.SECONDS), "bystander starved");
        long bystanderMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        long extra = peak.max() - baseline;
        System.out.printf(
            "STRESS D5 %d pipelined blocking calls: %d started, peak %d threads over baseline %d;"
                + " another client's call took %d ms%n",
            calls, started.get(), extra, baseline, bystanderMs);
        assertTrue(extra < 1024 + 100, "threads grew by " + extra);
        writer.interrupt();
      } finally {
        release.countDown();
        peak.close();
      }
    }
  }

  /** D6: idle clients in one JVM cost (almost) nothing. */
  @Test
  void idleClientsCostAlmostNoCpu() throws Exception {
    int count = 500;
    List<Client> clients = new ArrayList<>();
    try (Server server = new Server("127.0.0.1:0", SECRET)) {
      server.connect(new TestDispatchers.Calculator());
      try {
        for (int i = 0; i < count; i++) {
          clients.add(new Client(server.address(), SECRET));
        }
        for (Client c : clients) {
          c.connected().get(30, TimeUnit.SECONDS);
          assertEquals(3, c.rpc("add", 1, 2).get(30, TimeUnit.SECONDS));
        }
        com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        measureWindow(Duration.ofSeconds(2)); // let connecting settle
        long cpu0 = os.getProcessCpuTime();
        long wall0 = System.nanoTime();
        measureWindow(Duration.ofSeconds(5));
        double share = (double) (os.getProcessCpuTime() - cpu0) / (System.nanoTime() - wall0);
        System.out.printf(
            "STRESS D6 %d idle clients + server in one JVM: %.2f %% of one core (whole process)%n",
            count, share * 100);
        assertTrue(share < 0.05, "idle clients used " + share * 100 + " % of a core");
      } finally {
        for (Client c : clients) {
          c.close();
        }
      }
    }
  }

  /** Many clients at once, each making a few calls. */
  @Test
  void thousandClientsTwentyCallsEach() throws Exception {
    int count = 1000;
    int each = 20;
    List<Client> clients = new ArrayList<>();
    try (Server server = new Server("127.0.0.1:0", SECRET)) {
      server.connect(new TestDispatchers.Calculator());
      long start = System.nanoTime();
      try {
        List<CompletableFuture<Object>> calls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
          Client c = new Client(server.address(), SECRET);
          clients.add(c);
          for (int j = 0; j < each; j++) {
            calls.add(c.rpc("add", i, j));
          }
        }
        int ok = 0;
        for (int i = 0; i < count; i++) {
          for (int j = 0; j < each; j++) {
            assertEquals(i + j, calls.get(i * each + j).get(60, TimeUnit.SECONDS));
            ok++;
          }
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        System.out.printf(
            "STRESS %d clients x %d calls: %d answered in %d ms (connecting included)%n",
            count, each, ok, ms);
      } finally {
        for (Client c : clients) {
          c.close();
        }
      }
    }
  }

  /** D7: closing a server while its calls run prints nothing uncaught. */
  @Test
  void closingDuringCallsPrintsNothingUncaught() throws Exception {
    List<Throwable> uncaught = new CopyOnWriteArrayList<>();
    List<Thread> callThreads = new CopyOnWriteArrayList<>();
    ExecutorService executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "stress-call-" + callThreads.size());
              t.setUncaughtExceptionHandler((thread, e) -> uncaught.add(e));
              callThreads.add(t);
              return t;
            });
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    AtomicInteger started = new AtomicInteger();
    int clientsCount = 4;
    int perClient = 100;
    java.util.concurrent.CountDownLatch allStarted =
        new java.util.concurrent.CountDownLatch(clientsCount * perClient);
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      Server server = new Server("127.0.0.1:0", SECRET, Options.builder().executor(executor).build());
      server.connect(
          TestDispatchers.function(
              "stubborn",
              (caller, args) -> {
                started.incrementAndGet();
                allStarted.countDown();
                parkIgnoringInterrupts(Duration.ofMillis(1500));
                return "done";
              }));
      List<Client> clients = new ArrayList<>();
      List<CompletableFuture<Object>> calls = new ArrayList<>();
      for (int i = 0; i < clientsCount; i++) {
        Client c = new Client(server.address(), SECRET);
        clients.add(c);
        c.connected().get(10, TimeUnit.SECONDS);
        for (int j = 0; j < perClient; j++) {
          calls.add(c.rpc("stubborn"));
        }
      }
      assertTrue(allStarted.await(20, TimeUnit.SECONDS));
      for (Client c : clients) {
        c.close();
      }
      server.close(); // the last user: the I/O threads stop while the calls still run
      for (CompletableFuture<Object> call : calls) {
        try {
          call.get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException expected) {
          // the call was cut off by the close
        }
      }
      executor.shutdown();
      assertTrue(executor.awaitTermination(20, TimeUnit.SECONDS));
      for (Thread t : callThreads) {
        t.join(10_000); // a thread's uncaught handler runs as it ends
      }
    } finally {
      System.setErr(err);
    }
    String printed = captured.toString(StandardCharsets.UTF_8);
    System.out.printf(
        "STRESS D7 close during %d calls: %d uncaught, %d chars on stderr%n",
        started.get(), uncaught.size(), printed.length());
    assertTrue(uncaught.isEmpty(), "uncaught: " + uncaught);
    assertTrue(!printed.contains("Exception"), "printed: " + printed);
  }

  // ---- helpers ----

  /** The direct memory Netty's allocator holds. */
  static long directMemory() {
    long used = PlatformDependent.usedDirectMemory();
    ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;
    if (alloc instanceof ByteBufAllocatorMetricProvider) {
      used = Math.max(used, ((ByteBufAllocatorMetricProvider) alloc).metric().usedDirectMemory());
    }
    return used;
  }

  /** A zero-argument CALL frame payload. */
  static byte[] call(int id, String name) {
    byte[] n = name.getBytes(StandardCharsets.US_ASCII);
    byte[] p = new byte[1 + 4 + 1 + n.length + 1];
    p[0] = 0x10;
    p[1] = (byte) (id >>> 24);
    p[2] = (byte) (id >>> 16);
    p[3] = (byte) (id >>> 8);
    p[4] = (byte) id;
    p[5] = (byte) (n.length + 1);
    System.arraycopy(n, 0, p, 6, n.length);
    p[p.length - 1] = 0;
    return p;
  }

  /** Sends {@code count} calls from a thread of its own (the writes block when nobody reads). */
  static Thread sendCalls(RawPeer peer, String name, int count) {
    Thread t =
        new Thread(
            () -> {
              ByteArrayOutputStream all = new ByteArrayOutputStream();
              for (int i = 1; i <= count; i++) {
                byte[] p = call(i, name);
                all.write(p.length >>> 24);
                all.write(p.length >>> 16);
                all.write(p.length >>> 8);
                all.write(p.length);
                all.write(p, 0, p.length);
              }
              try {
                peer.sendBytes(all.toByteArray());
              } catch (IOException e) {
                // the test closed the peer
              }
            },
            "stress-writer");
    t.setDaemon(true);
    t.start();
    return t;
  }

  /** Returns once {@code counter} has not moved for half a second, or after {@code limit}. */
  static void waitUntilStill(AtomicInteger counter, Duration limit) {
    long end = System.nanoTime() + limit.toNanos();
    int last = -1;
    long since = System.nanoTime();
    while (System.nanoTime() < end) {
      int now = counter.get();
      if (now != last) {
        last = now;
        since = System.nanoTime();
      } else if (now > 0 && System.nanoTime() - since > TimeUnit.MILLISECONDS.toNanos(500)) {
        return;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // a sampling period, not a wait
    }
  }

  /** Lets a measurement window pass. */
  static void measureWindow(Duration window) throws InterruptedException {
    CompletableFuture<Void> never = new CompletableFuture<>();
    try {
      never.get(window.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException | java.util.concurrent.ExecutionException windowOver) {
      // the window is over
    }
  }

  static void parkIgnoringInterrupts(Duration d) {
    long end = System.nanoTime() + d.toNanos();
    long left;
    while ((left = end - System.nanoTime()) > 0) {
      LockSupport.parkNanos(left);
    }
  }

  /** Samples a value every 10 ms and keeps the largest. */
  static final class Sampler implements AutoCloseable {
    private final AtomicLong max = new AtomicLong(Long.MIN_VALUE);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    Sampler(java.util.function.LongSupplier value) {
      timer.scheduleAtFixedRate(
          () -> max.accumulateAndGet(value.getAsLong(), Math::max), 0, 10, TimeUnit.MILLISECONDS);
    }

    long max() {
      return max.get();
    }

    @Override
    public void close() {
      timer.shutdownNow();
    }
  }
}
