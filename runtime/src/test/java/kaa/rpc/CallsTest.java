package kaa.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import kaa.rpc.internal.call.Texts;
import kaa.rpc.internal.transport.Addresses;
import kaa.rpc.spi.Calls;
import kaa.rpc.spi.Dispatcher;
import kaa.rpc.spi.FunctionInfo;
import kaa.rpc.spi.ParameterInfo;
import kaa.rpc.spi.RemoteMethod;
import kaa.rpc.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallsTest {
  private static final String SECRET = "s3cret";

  private static Throwable failure(CompletableFuture<?> f) {
    ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
    return e.getCause();
  }

  @Test
  void callsWorkOverAUnixSocket(@TempDir Path dir) throws Exception {
    String path = dir.resolve("calc.sock").toString();
    try (Server server = new Server(path, SECRET)) {
      server.connect(new TestDispatchers.Calculator());
      try (Client client = new Client(path, SECRET)) {
        assertEquals(5, client.rpc("add", 2, 3).get(5, TimeUnit.SECONDS));
        assertEquals("hi", client.rpc("echo", "hi").get(5, TimeUnit.SECONDS));
      }
    }
  }

  @Test
  void unknownFunctionFailsThatCallAndTheConnectionStays() throws Exception {
    try (Server server = new Server("127.0.0.1:0", SECRET);
        Client client = new Client(server.address(), SECRET)) {
      server.connect(new TestDispatchers.Calculator());
      String caller = callerAsSeenBy(server, client);
      Throwable e = failure(client.rpc("nope", 1));
      assertInstanceOf(NoSuchFunctionException.class, e);
      assertEquals(
          Texts.forCallFrom(Texts.noSuchFunction("nope"), "nope", caller), e.getMessage());
      assertEquals(3, client.rpc("add", 1, 2).get(5, TimeUnit.SECONDS));
    }
  }

  @Test
  void wrongArgumentsFailThatCallWithAClearMessage() throws Exception {
    try (Server server = new Server("127.0.0.1:0", SECRET);
        Client client = new Client(server.address(), SECRET)) {
      server.connect(new TestDispatchers.Calculator());
      String caller = callerAsSeenBy(server, client);
      String add = "add(a, b)";
      Throwable count = failure(client.rpc("add", 1));
      assertInstanceOf(ArgumentMismatchException.class, count);
      assertEquals(
          Texts.forCallFrom(Texts.wrongArgumentCount(add, 2, 1), "add", caller),
          count.getMessage());
      assertTrue(count.getMessage().startsWith("add(a, b) takes 2 arguments, got 1 for call add"));
      Throwable type = failure(client.rpc("add", 1, "two"));
      assertInstanceOf(ArgumentMismatchException.class, type);
      assertEquals(
          Texts.forCallFrom(
              Texts.wrongType(add, "b", "int", "java.lang.String"), "add", caller),
          type.getMessage());
      Throwable nul = failure(client.rpc("add", 1, null));
      assertInstanceOf(ArgumentMismatchException.class, nul);
      assertEquals(
          Texts.forCallFrom(Texts.nullForPrimitive(add, "b", "int"), "add", caller),
          nul.getMessage());
      Throwable unknownName = failure(client.rpcNamed("add", Map.of("a", 1, "c", 2)));
      assertInstanceOf(ArgumentMismatchException.class, unknownName);
      assertEquals(
          Texts.forCallFrom(Texts.noParameterNamed(add, "c"), "add", caller),
          unknownName.getMessage());
      Throwable missing = failure(client.rpcNamed("add", Map.of("a", 1)));
      assertInstanceOf(ArgumentMismatchException.class, missing);
      assertEquals(
          Texts.forCallFrom(Texts.missingArgument(add, "b"), "add", caller),
          missing.getMessage());
      assertEquals(3, client.rpcNamed("add", Map.of("a", 1, "b", 2)).get(5, TimeUnit.SECONDS));
    }
  }

  @Test
  void aCallTheExecutorRejectsFailsAloneAndTheConnectionStays() throws Exception {
    AtomicBoolean reject = new AtomicBoolean();
    Executor executor =
        task -> {
          if (reject.get()) {
            throw new RejectedExecutionException("full");
          }
          task.run();
        };
    Options rejecting = Options.builder().executor(executor).build();
    try (Server server = new Server("127.0.0.1:0", SECRET, rejecting);
        Client client = new Client(server.address(), SECRET)) {
      server.connect(new TestDispatchers.Calculator());
      String caller = callerAsSeenBy(server, client);
      reject.set(true);
      Throwable e = failure(client.rpc("add", 1, 2));
      RemoteException remote = assertInstanceOf(RemoteException.class, e);
      assertEquals(RpcException.class.getName(), remote.remoteClassName());
      assertEquals(
          Texts.forCallFrom(Texts.executorRejected(), "add", caller), remote.remoteMessage());
      reject.set(false);
      assertEquals(3, client.rpc("add", 1, 2).get(5, TimeUnit.SECONDS));
    }
  }

  /**
   * How {@code server} names {@code client} in the errors it answers with: after one call the
   * server holds the client's channel.
   */
  private static String callerAsSeenBy(Server server, Client client) throws Exception {
    assertEquals(3, client.rpc("add", 1, 2).get(5, TimeUnit.SECONDS));
    List<Channel> channels = server.channels();
    assertEquals(1, channels.size());
    return Addresses.describe(channels.get(0).remoteAddress());
  }

  @Test
  void remoteExceptionsComeBackAsTheirClassOrAsRemoteException() throws Exception {
    Dispatcher throwing =
        new Dispatcher() {
          @Override
          public String serviceName() {
            return "test.Throwing";
          }

          @Override
          public List<FunctionInfo> functions() {
            return List.of(
                FunctionInfo.of("jdk", "jdk", "void", FunctionInfo.Kind.VOID),
                FunctionInfo.of("custom", "custom", "void", FunctionInfo.Kind.VOID),
                FunctionInfo.of("checked", "checked", "void", FunctionInfo.Kind.VOID));
          }

          @Override
          public Object invoke(int function, Channel caller, Object[] args) throws Exception {
            switch (function) {
              case 0:
                throw new UnsupportedOperationException("not today");
              case 1:
                throw new CustomException("quota exceeded");
              default:
                throw new java.io.FileNotFoundException("/etc/nothing");
            }
          }
        };
    try (Server server = new Server("127.0.0.1:0", SECRET);
        Client client = new Client(server.address(), SECRET)) {
      server.connect(throwing);
      Throwable jdk = failure(client.rpc("jdk"));
      assertEquals(UnsupportedOperationException.class, jdk.getClass());
      assertEquals("not today", jdk.getMessage());
      assertTrue(jdk.getStackTrace()[0].getMethodName().equals("invoke"));

      Throwable custom = failure(client.rpc("custom"));
      RemoteException remote = assertInstanceOf(RemoteException.class, custom);
      assertEquals(CustomException.class.getName(), remote.remoteClassName());
      assertEquals("quota exceeded", remote.remoteMessage());
      assertTrue(remote.getStackTrace().length > 0);

      // Untyped: a checked JDK exception is not declared, so it is a RemoteException...
      Throwable checked = failure(client.rpc("checked"));
      assertInstanceOf(RemoteException.class, checked);
      // ...but a typed call that declares IOException gets it as its own class.
      RemoteMethod declared =
          RemoteMethod.builder("test.Throwing", 0, "checked")
              .returnsVoid()
              .throwing(java.io.IOException.class, java.io.IOException::new)
              .build();
      java.io.IOException io =
          assertThrows(
              java.io.IOException.class,
              () -> {
                Calls.<Void>blocking(client, declared, new Object[0]);
                throw new AssertionError("declared to throw");
              });
      assertEquals(java.io.FileNotFoundException.class, io.getClass());
      assertEquals("/etc/nothing", io.getMessage());
    }
  }

  @Test
  void thousandsOfConcurrentCallsOnOneConnectionEachGetTheirOwnResult() throws Exception {
    try (Server server = new Server("127.0.0.1:0", SECRET);
        Client client = new Client(server.address(), SECRET)) {
      server.connect(new TestDispatchers.Calculator());
      int n = 5000;
      List<CompletableFuture<Object>> calls = new ArrayList<>();
      List<Thread> threads = new ArrayList<>();
      List<List<CompletableFuture<Object>>> perThread = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int base = t * n;
        List<CompletableFuture<Object>> mine = new ArrayList<>();
        perThread.add(mine);
        threads.add(
            new Thread(
                () -> {
                  for (int i = 0; i < n; i++) {
                    mine.add(client.rpc("add", base + i, 1_000_000));
                  }
                }));
      }
      threads.forEach(Thread::start);
      for (Thread t : threads) {
        t.join();
      }
      for (int t = 0; t < 4; t++) {
        List<CompletableFuture<Object>> mine = perThread.get(t);
        for (int i = 0; i < n; i++) {
          assertEquals(t * n + i + 1_000_000, mine.get(i).get(30, TimeUnit.SECONDS));
        }
        calls.addAll(mine);
      }
      assertEquals(4 * n, calls.size());
    }
  }

  @Test
  void serverMethodCallsBackTheCallerBlockingWhileTheCallIsInFlight() throws Exception {
    // Asks the client for its own answer, blocking, while the client waits for ours.
    Dispatcher askBack =
        TestDispatchers.function(
            "double",
            (caller, args) ->
                ((Integer) caller.rpc("add", args[0], args[0]).get(5, TimeUnit.SECONDS)) * 10,
            new ParameterInfo("x", int.class, "int"));
    try (Server server = new Server("127.0.0.1:0", SECRET);
        Client client = new Client(server.address(), SECRET)) {
      server.connect(askBack);
      client.connect(new TestDispatchers.Calculator());
      assertEquals(140, client.rpc("double", 7).get(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void blockingProxyCallOnAnIoThreadFailsFastInsteadOfDeadlocking() throws Exception {
    RemoteMethod add =
        RemoteMethod.builder("test.Calculator", 0, "add")
            .parameter("a", int.class, "int")
            .parameter("b", int.class, "int")
            .returnsValue(Integer.class, "int")
            .build();
    AtomicReference<Throwable> seen = new AtomicReference<>();
    Dispatcher direct =
        TestDispatchers.function(
            "go",
            (caller, args) -> {
              try {
                Calls.<Integer>blocking(caller, add, new Object[] {1, 2});
              } catch (Throwable t) {
                seen.set(t);
              }
              return null;
            });
    Options directExecutor = Options.builder().executor(Runnable::run).build();
    try (Server server = new Server("127.0.0.1:0", SECRET, directExecutor);
        Client client = new Client(server.address(), SECRET)) {
      server.connect(direct);
      client.connect(new TestDispatchers.Calculator());
      client.rpc("go").get(5, TimeUnit.SECONDS);
      IllegalStateException e = assertInstanceOf(IllegalStateException.class, seen.get());
      assertTrue(e.getMessage().contains("I/O thread"), e.getMessage());
      assertTrue(e.getMessage().contains("Calculator.add"), e.getMessage());
    }
  }

  @Test
  void cancellingTellsThePeerWhichInterruptsTheBlockingMethod() throws Exception {
    TestDispatchers.Calculator calc = new TestDispatchers.Calculator();
    try (Server server = new Server("127.0.0.1:0", SECRET);
        Client client = new Client(server.address(), SECRET)) {
      server.connect(calc);
      CompletableFuture<Object> sleeping = client.rpc("sleep", 60_000L);
      assertTrue(calc.sleeping.await(5, TimeUnit.SECONDS));
      assertTrue(sleeping.cancel(true));
      assertTrue(calc.interrupted.await(5, TimeUnit.SECONDS), "the remote method was interrupted");
      assertEquals(3, client.rpc("add", 1, 2).get(5, TimeUnit.SECONDS));
    }
  }

  @Test
  void cancellingCancelsTheStageOfAnAsyncMethod() throws Exception {
    TestDispatchers.Calculator calc = new TestDispatchers.Calculator();
    try (Server server = new Server("127.0.0.1:0", SECRET);
        Client client = new Client(server.address(), SECRET)) {
      server.connect(calc);
      CompletableFuture<Object> slow = client.rpc("slowAsync");
      awaitServerWaitsOn(calc.lastStage);
      slow.cancel(true);
      Throwable reason = null;
      try {
        calc.lastStage.get(5, TimeUnit.SECONDS);
      } catch (java.util.concurrent.CancellationException e) {
        reason = e;
      }
      assertInstanceOf(java.util.concurrent.CancellationException.class, reason);
    }
  }

  @Test
  void asyncMethodResultIsSentWhenTheStageCompletes() throws Exception {
    TestDispatchers.Calculator calc = new TestDispatchers.Calculator();
    try (Server server = new Server("127.0.0.1:0", SECRET);
        Client client = new Client(server.address(), SECRET)) {
      server.connect(calc);
      CompletableFuture<Object> slow = client.rpc("slowAsync");
      awaitServerWaitsOn(calc.lastStage);
      // A call made after it has its answer first: a result sent early would have come by then.
      assertEquals(3, client.rpc("add", 1, 2).get(5, TimeUnit.SECONDS));
      assertFalse(slow.isDone());
      calc.lastStage.complete("done");
      assertEquals("done", slow.get(5, TimeUnit.SECONDS));
    }
  }

  /** Returns once the server has the stage an async method returned and waits for it. */
  private static void awaitServerWaitsOn(CompletableFuture<?> stage) throws InterruptedException {
    Await.until(
        Duration.ofSeconds(5),
        () -> stage.getNumberOfDependents() > 0,
        "the server to wait on the stage slowAsync returned");
  }

  @Test
  void timeoutFailsTheFutureAndCancelsRemotely() throws Exception {
    TestDispatchers.Calculator calc = new TestDispatchers.Calculator();
    Options quick = Options.builder().callTimeout(Duration.ofMillis(300)).build();
    try (Server server = new Server("127.0.0.1:0", SECRET);
        Client client = new Client(server.address(), SECRET, quick)) {
      server.connect(calc);
      Throwable e = failure(client.rpc("sleep", 60_000L));
      assertInstanceOf(RpcTimeoutException.class, e);
      assertTrue(e.getMessage().contains("sleep"), e.getMessage());
      assertTrue(e.getMessage().contains("300 ms"), e.getMessage());
      assertTrue(calc.interrupted.await(5, TimeUnit.SECONDS), "the remote method was cancelled");
      assertEquals(3, client.rpc("add", 1, 2).get(5, TimeUnit.SECONDS));
    }
  }

  @Test
  void callOverTheInFlightLimitFailsAtOnce() throws Exception {
    TestDispatchers.Calculator calc = new TestDispatchers.Calculator();
    Options two = Options.builder().maxCallsInFlight(2).build();
    try (Server server = new Server("127.0.0.1:0", SECRET);
        Client client = new Client(server.address(), SECRET, two)) {
      server.connect(calc);
      CompletableFuture<Object> a = client.rpc("sleep", 60_000L);
      CompletableFuture<Object> b = client.rpc("sleep", 60_000L);
      CompletableFuture<Object> c = client.rpc("add", 1, 2);
      assertTrue(c.isCompletedExceptionally());
      Throwable e = failure(c);
      assertEquals(RpcException.class, e.getClass());
      assertTrue(e.getMessage().contains("2 calls already in flight"), e.getMessage());
      a.cancel(true);
      assertEquals(3, client.rpc("add", 1, 2).get(5, TimeUnit.SECONDS));
      b.cancel(true);
    }
  }

  @Test
  void objectOnTheChannelAnswersBeforeTheServersForTheSameName() throws Exception {
    try (Server server = new Server("127.0.0.1:0", SECRET)) {
      server.connect(TestDispatchers.constant("who", "server"));
      server.onClientConnected(ch -> ch.connect(TestDispatchers.constant("who", "channel")));
      try (Client client = new Client(server.address(), SECRET)) {
        assertEquals("channel", client.rpc("who").get(5, TimeUnit.SECONDS));
      }
    }
  }

  @Test
  void twoObjectsOnOneLevelClaimingOneNameIsAnError() throws Exception {
    try (Server server = new Server("127.0.0.1:0", SECRET)) {
      server.connect(new TestDispatchers.Calculator());
      IllegalStateException e =
          assertThrows(
              IllegalStateException.class,
              () -> server.connect(TestDispatchers.constant("add", 0)));
      assertTrue(e.getMessage().contains("\"add\""), e.getMessage());
      assertTrue(e.getMessage().contains("test.Calculator"), e.getMessage());
      assertTrue(e.getMessage().contains("test.add"), e.getMessage());
    }
  }

  @Test
  void disconnectWithdrawsAnObject() throws Exception {
    TestDispatchers.Calculator calc = new TestDispatchers.Calculator();
    try (Server server = new Server("127.0.0.1:0", SECRET);
        Client client = new Client(server.address(), SECRET)) {
      server.connect(calc);
      assertEquals(3, client.rpc("add", 1, 2).get(5, TimeUnit.SECONDS));
      server.disconnect(calc);
      assertInstanceOf(NoSuchFunctionException.class, failure(client.rpc("add", 1, 2)));
    }
  }

  @Test
  void introspectionListsTheExposedFunctions() throws Exception {
    try (Server server = new Server("127.0.0.1:0", SECRET);
        Client client = new Client(server.address(), SECRET)) {
      server.connect(new TestDispatchers.Calculator());
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> functions =
          (List<Map<String, Object>>) client.rpc("kaa.functions").get(5, TimeUnit.SECONDS);
      assertEquals("add", functions.get(0).get("name"));
      assertEquals("int", functions.get(0).get("returns"));
      assertEquals(5, functions.size());
    }
  }

  @Test
  void voidFunctionCompletesWithNull() throws Exception {
    try (Server server = new Server("127.0.0.1:0", SECRET);
        Client client = new Client(server.address(), SECRET)) {
      server.connect(new TestDispatchers.Calculator());
      assertNull(client.rpc("sleep", 1L).get(5, TimeUnit.SECONDS));
    }
  }

  @Test
  void manyCallsThatBlockOnEachOtherAllRunWithTheDefaultExecutor() throws Exception {
    // Each call blocks until all of them have started: a fixed pool would deadlock.
    int n = 40;
    java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(n);
    Dispatcher rendezvous =
        TestDispatchers.function(
            "meet",
            (caller, args) -> {
              started.countDown();
              return started.await(10, TimeUnit.SECONDS);
            });
    try (Server server = new Server("127.0.0.1:0", SECRET);
        Client client = new Client(server.address(), SECRET)) {
      server.connect(rendezvous);
      List<CompletableFuture<Object>> calls = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        calls.add(client.rpc("meet"));
      }
      for (CompletableFuture<Object> call : calls) {
        assertEquals(true, call.get(15, TimeUnit.SECONDS));
      }
    }
  }

  /** A user exception the caller's side cannot rebuild. */
  static final class CustomException extends Exception {
    private static final long serialVersionUID = 1L;

    CustomException(String message) {
      super(message);
    }
  }
}
