package kaa.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.util.concurrent.FastThreadLocalThread;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import kaa.rpc.spi.Calls;
import kaa.rpc.spi.ParameterInfo;
import kaa.rpc.spi.RemoteMethod;
import org.junit.jupiter.api.Test;

/**
 * The default threading (lead loops): methods run on the thread that read their call, callers
 * lead their own call's loop, and neither a blocking method nor a blocking caller stalls anyone.
 */
class LeadLoopTest {
  private static final String SECRET = "s3cret";
  private static final RemoteMethod ADD =
      RemoteMethod.builder("test.Calculator", 0, "add")
          .parameter("a", int.class, "int")
          .parameter("b", int.class, "int")
          .returnsValue(Integer.class, "int")
          .build();
  private static final RemoteMethod SLEEP =
      RemoteMethod.builder("test.Calculator", 3, "sleep")
          .parameter("millis", long.class, "long")
          .returnsVoid()
          .build();

  @Test
  void aMethodThatBlocksDoesNotStallCallsOfOtherClientsOnItsLoop() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch blocked = new CountDownLatch(1);
    try (Server server = new Server("127.0.0.1:0", SECRET)) {
      server.connect(new TestDispatchers.Calculator());
      server.connect(
          TestDispatchers.function(
              "block",
              (caller, args) -> {
                blocked.countDown();
                return release.await(30, TimeUnit.SECONDS);
              }));
      List<Client> clients = new ArrayList<>();
      try {
        for (int i = 0; i < 4; i++) { // with 2 loops, some share the blocked one's loop
          clients.add(new Client(server.address(), SECRET));
        }
        CompletableFuture<Object> stuck = clients.get(0).rpc("block");
        assertTrue(blocked.await(10, TimeUnit.SECONDS));
        for (int round = 0; round < 20; round++) {
          for (Client c : clients.subList(1, clients.size())) {
            int sum = Calls.<Integer>blocking(c, ADD, new Object[] {round, 1});
            assertEquals(round + 1, sum);
          }
        }
        // the same connection's other calls too
        assertEquals(5, (int) Calls.<Integer>blocking(clients.get(0), ADD, new Object[] {2, 3}));
        release.countDown();
        assertEquals(true, stuck.get(10, TimeUnit.SECONDS));
      } finally {
        release.countDown();
        clients.forEach(Client::close);
      }
    }
  }

  @Test
  void aMethodCanCallItsCallerBackBlockingFromTheLeader() throws Exception {
    try (Server server = new Server("127.0.0.1:0", SECRET)) {
      server.connect(
          TestDispatchers.function(
              "twiceViaCaller",
              (caller, args) -> 2 * Calls.<Integer>blocking(caller, ADD, new Object[] {args[0], 0}),
              new ParameterInfo("x", int.class, "int")));
      try (Client client = new Client(server.address(), SECRET)) {
        client.connect(new TestDispatchers.Calculator());
        for (int i = 0; i < 50; i++) {
          assertEquals(2 * i, client.rpc("twiceViaCaller", i).get(10, TimeUnit.SECONDS));
        }
      }
    }
  }

  @Test
  void manyBlockingCallersOnOneConnectionAllGetTheirOwnResults() throws Exception {
    ExecutorService callers = Executors.newFixedThreadPool(16);
    try (Server server = new Server("127.0.0.1:0", SECRET)) {
      server.connect(new TestDispatchers.Calculator());
      try (Client client = new Client(server.address(), SECRET)) {
        client.connected().get(10, TimeUnit.SECONDS);
        List<Future<Integer>> done = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
          int base = t * 1_000_000;
          done.add(
              callers.submit(
                  () -> {
                    int wrong = 0;
                    for (int i = 0; i < 2_000; i++) {
                      int sum = Calls.<Integer>blocking(client, ADD, new Object[] {base, i});
                      wrong += sum == base + i ? 0 : 1;
                    }
                    return wrong;
                  }));
        }
        for (Future<Integer> f : done) {
          assertEquals(0, f.get(60, TimeUnit.SECONDS));
        }
      }
    } finally {
      callers.shutdownNow();
    }
  }

  @Test
  void aCallerInterruptedWhileItLeadsCancelsItsCallAndTheLoopGoesOn() throws Exception {
    TestDispatchers.Calculator calculator = new TestDispatchers.Calculator();
    try (Server server = new Server("127.0.0.1:0", SECRET)) {
      server.connect(calculator);
      try (Client client = new Client(server.address(), SECRET)) {
        client.connected().get(10, TimeUnit.SECONDS);
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        Thread caller =
            new Thread(
                () -> {
                  try {
                    Calls.blocking(client, SLEEP, new Object[] {30_000L});
                    failure.complete(null);
                  } catch (Throwable t) {
                    failure.complete(t);
                  }
                });
        caller.start();
        assertTrue(calculator.sleeping.await(10, TimeUnit.SECONDS));
        caller.interrupt();
        Throwable t = failure.get(10, TimeUnit.SECONDS);
        assertInstanceOf(RpcException.class, t);
        assertTrue(t.getMessage().contains("interrupted"), t.getMessage());
        // the remote method is cancelled (interrupted) and the connection still serves
        assertEquals(7, (int) Calls.<Integer>blocking(client, ADD, new Object[] {3, 4}));
      }
    }
  }

  @Test
  void theServersMethodsRunOnItsIoThreadsNotOnAPool() throws Exception {
    Set<String> threads = ConcurrentHashMap.newKeySet();
    Set<Boolean> pooling = ConcurrentHashMap.newKeySet();
    try (Server server = new Server("127.0.0.1:0", SECRET)) {
      server.connect(
          TestDispatchers.function(
              "where",
              (caller, args) -> {
                threads.add(Thread.currentThread().getName());
                // Netty pools its objects (outbound entries, buffers) only on such threads.
                pooling.add(FastThreadLocalThread.currentThreadWillCleanupFastThreadLocals());
                return null;
              }));
      try (Client client = new Client(server.address(), SECRET)) {
        for (int i = 0; i < 100; i++) {
          client.rpc("where").get(10, TimeUnit.SECONDS);
        }
      }
    }
    for (String name : threads) {
      assertTrue(name.startsWith("kaa-rpc-io-"), "ran on " + threads);
    }
    assertEquals(Set.of(true), pooling, "I/O threads clean up their fast thread-locals");
  }

  @Test
  void aBlockingCallFromLoopCodeStillFailsFast() throws Exception {
    try (Server server =
        new Server("127.0.0.1:0", SECRET, Options.builder().executor(Runnable::run).build())) {
      server.connect(
          TestDispatchers.function(
              "nested",
              (caller, args) -> Calls.<Integer>blocking(caller, ADD, new Object[] {1, 1})));
      try (Client client = new Client(server.address(), SECRET)) {
        client.connect(new TestDispatchers.Calculator());
        Exception e =
            assertThrows(Exception.class, () -> client.rpc("nested").get(10, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().contains("would deadlock"), e.getCause().getMessage());
      }
    }
  }

  @Test
  void aMethodThatLeavesItsThreadInterruptedDoesNotCloseTheConnection() throws Exception {
    try (Server server = new Server("127.0.0.1:0", SECRET)) {
      server.connect(new TestDispatchers.Calculator());
      server.connect(
          TestDispatchers.function(
              "rude",
              (caller, args) -> {
                Thread.currentThread().interrupt(); // as a "restore the interrupt" catch does
                return 1;
              }));
      try (Client client = new Client(server.address(), SECRET)) {
        for (int i = 0; i < 200; i++) {
          assertEquals(1, client.rpc("rude").get(10, TimeUnit.SECONDS));
        }
        assertEquals(3, (int) Calls.<Integer>blocking(client, ADD, new Object[] {1, 2}));
      }
    }
  }
}
