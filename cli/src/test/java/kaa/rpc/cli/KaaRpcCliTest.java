package kaa.rpc.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kaa-rpc} run in-process against a real server: output and every exit code. */
class KaaRpcCliTest {
  private static final Map<String, String> ENV =
      Map.of(KaaRpcCli.SECRET_VARIABLE, TestServer.SECRET);

  private static TestServer server;
  private static String address;

  @TempDir Path dir;

  /** What one run printed and returned. */
  record Outcome(int code, String out, String err) {}

  @BeforeAll
  static void startServer() {
    server = new TestServer("127.0.0.1:0");
    address = server.address();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  private static Outcome run(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        KaaRpcCli.run(
            args, new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8), env);
    return new Outcome(code, out.toString(UTF_8), err.toString(UTF_8));
  }

  private static Outcome run(String... args) {
    return run(ENV, args);
  }

  private static void assertFails(ExitCode expected, String errorPart, Outcome outcome) {
    assertEquals(expected.code(), outcome.code(), () -> "stderr: " + outcome.err());
    assertTrue(outcome.err().startsWith("kaa-rpc: "), outcome.err());
    assertTrue(outcome.err().contains(errorPart), outcome.err());
    assertEquals("", outcome.out());
  }

  @Test
  void listPrintsEachFunctionWithParameterNamesAndTypes() {
    Outcome outcome = run("list", address);
    assertEquals(0, outcome.code(), outcome.err());
    assertEquals(
        String.join(
            System.lineSeparator(),
            "add(int a, int b) -> int",
            "echo(Object value) -> Object",
            "fail(String message) -> void",
            "failCustom(String message) -> void",
            "nextDay(java.time.LocalDate date) -> java.time.LocalDate",
            "scale(double[] values, double factor) -> double[]",
            "sleep(long millis) -> void",
            "sum(java.util.List<Long> values) -> long",
            "token() -> kaa.rpc.cli.TestServer.Token",
            ""),
        outcome.out());
    assertEquals("", outcome.err());
  }

  @Test
  void listVerboseNamesTheService() {
    Outcome outcome = run("--verbose", "list", address);
    assertTrue(outcome.out().startsWith("add(int a, int b) -> int    [test.Calculator]"));
  }

  @Test
  void listsOverAUnixSocket() {
    try (TestServer unix = new TestServer(dir.resolve("calc.sock").toString())) {
      Outcome outcome = run("list", unix.address());
      assertEquals(0, outcome.code(), outcome.err());
      assertTrue(outcome.out().contains("add(int a, int b) -> int"));
    }
  }

  @Test
  void callsByPosition() {
    assertEquals(
        new Outcome(0, "3" + System.lineSeparator(), ""), run("call", address, "add", "1", "2"));
  }

  @Test
  void callsByParameterName() {
    assertEquals(
        new Outcome(0, "-1" + System.lineSeparator(), ""),
        run("call", address, "add", "b=-3", "a=2"));
  }

  @Test
  void convertsJsonToTheDeclaredParameterTypes() {
    assertEquals("6", run("call", address, "sum", "[1, 2, 3]").out().strip());
    assertEquals(
        "[\n  3.0,\n  4.0\n]".replace("\n", System.lineSeparator()),
        run("call", address, "scale", "[1.5, 2]", "2").out().strip());
    assertEquals("\"2024-02-29\"", run("call", address, "nextDay", "\"2024-02-28\"").out().strip());
  }

  @Test
  void printsStructuredResultsAsJson() {
    Outcome outcome = run("call", address, "echo", "{\"k\": [1, \"x\", null, true]}");
    assertEquals(0, outcome.code(), outcome.err());
    assertEquals(
        "{\n  \"k\": [\n    1,\n    \"x\",\n    null,\n    true\n  ]\n}"
            .replace("\n", System.lineSeparator()),
        outcome.out().strip());
  }

  @Test
  void voidFunctionPrintsNull() {
    assertEquals("null", run("call", address, "sleep", "1").out().strip());
  }

  @Test
  void reservedIntrospectionFunctionCanBeCalled() {
    Outcome outcome = run("call", address, "kaa.functions");
    assertEquals(0, outcome.code(), outcome.err());
    assertTrue(outcome.out().contains("\"service\": \"test.Calculator\""), outcome.out());
  }

  @Test
  void readsTheSecretFromAFileWithoutItsTrailingNewline() throws IOException {
    Path file = Files.writeString(dir.resolve("secret"), TestServer.SECRET + "\n");
    Outcome outcome =
        run(Map.of(), "call", "--secret-file", file.toString(), address, "add", "1", "1");
    assertEquals(new Outcome(0, "2" + System.lineSeparator(), ""), outcome);
  }

  @Test
  void secretFileWinsOverTheEnvironment() throws IOException {
    Path file = Files.writeString(dir.resolve("secret"), TestServer.SECRET);
    Outcome outcome =
        run(Map.of(KaaRpcCli.SECRET_VARIABLE, "wrong"), "--secret-file=" + file, "list", address);
    assertEquals(0, outcome.code(), outcome.err());
  }

  @Test
  void helpListsEveryExitCode() {
    Outcome outcome = run(Map.of(), "--help");
    assertEquals(0, outcome.code());
    for (ExitCode code : ExitCode.values()) {
      assertTrue(outcome.out().contains(String.format("%2d  %s", code.code(), code.meaning())));
    }
    assertTrue(outcome.out().contains("KAA_RPC_SECRET"));
  }

  // ---- exit codes ----

  @Test
  void missingSecretIsAUsageError() {
    assertFails(ExitCode.USAGE, "no secret", run(Map.of(), "list", address));
  }

  @Test
  void unreadableOrEmptySecretFileIsAUsageError() throws IOException {
    assertFails(
        ExitCode.USAGE,
        "no such file",
        run("--secret-file", dir.resolve("absent").toString(), "list", address));
    Path empty = Files.writeString(dir.resolve("empty"), "\n");
    assertFails(
        ExitCode.USAGE, "is empty", run("--secret-file", empty.toString(), "list", address));
  }

  @Test
  void badOptionIsAUsageError() {
    Outcome outcome = run("--colour", "list", address);
    assertFails(ExitCode.USAGE, "unknown option --colour", outcome);
    assertTrue(outcome.err().contains("--help"));
  }

  @Test
  void malformedAddressExitsThree() {
    assertFails(ExitCode.BAD_ADDRESS, "malformed address", run("list", "a:b:c"));
    assertFails(ExitCode.BAD_ADDRESS, "bad host or port", run("list", "localhost:http"));
  }

  @Test
  void refusedConnectionExitsFour() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    assertFails(ExitCode.UNREACHABLE, "127.0.0.1:" + port, run("list", "127.0.0.1:" + port));
  }

  @Test
  void missingUnixSocketExitsFour() {
    String path = dir.resolve("nobody.sock").toString();
    assertFails(ExitCode.UNREACHABLE, path, run("call", path, "add", "1", "2"));
  }

  @Test
  void wrongSecretExitsFive() {
    assertFails(
        ExitCode.WRONG_SECRET,
        "secret rejected by " + address,
        run(Map.of(KaaRpcCli.SECRET_VARIABLE, "wrong"), "list", address));
  }

  @Test
  void unknownFunctionExitsSix() {
    assertFails(ExitCode.UNKNOWN_FUNCTION, "no function \"nope\"", run("call", address, "nope"));
    assertFails(ExitCode.UNKNOWN_FUNCTION, "kaa.nope", run("call", address, "kaa.nope"));
  }

  @Test
  void argumentsTheFunctionDoesNotTakeExitSeven() {
    assertFails(ExitCode.BAD_ARGUMENTS, "add", run("call", address, "add", "1"));
    assertFails(ExitCode.BAD_ARGUMENTS, "c", run("call", address, "add", "a=1", "c=2"));
    assertFails(
        ExitCode.BAD_ARGUMENTS,
        "argument 1 (int a): 1.5 does not fit int",
        run("call", address, "add", "1.5", "2"));
    assertFails(
        ExitCode.BAD_ARGUMENTS,
        "argument 2 is not JSON: two (a string needs JSON quotes, e.g. '\"two\"')",
        run("call", address, "add", "1", "two"));
    assertFails(
        ExitCode.BAD_ARGUMENTS,
        "3000000000 is out of range for int",
        run("call", address, "add", "3000000000", "1"));
  }

  @Test
  void remoteExceptionExitsEight() {
    assertFails(
        ExitCode.REMOTE_EXCEPTION,
        "kaa-rpc: fail threw java.lang.IllegalStateException: boom",
        run("call", address, "fail", "\"boom\""));
    assertFails(
        ExitCode.REMOTE_EXCEPTION,
        "kaa-rpc: failCustom threw kaa.rpc.cli.TestServer$QuotaExceeded: over",
        run("call", address, "failCustom", "\"over\""));
  }

  @Test
  void verbosePrintsTheRemoteStackTrace() {
    Outcome outcome = run("--verbose", "call", address, "fail", "\"boom\"");
    assertEquals(ExitCode.REMOTE_EXCEPTION.code(), outcome.code());
    assertTrue(
        outcome.err().contains("at kaa.rpc.cli.TestServer$Calculator.invoke"), outcome.err());
    Outcome quiet = run("call", address, "fail", "\"boom\"");
    assertEquals(1, quiet.err().lines().count(), quiet.err());
  }

  @Test
  void slowCallExitsNine() {
    assertFails(
        ExitCode.TIMEOUT, "sleep", run("--timeout", "0.3", "call", address, "sleep", "10000"));
  }

  @Test
  void serverThatNeverAnswersTheHandshakeExitsNine() throws IOException {
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String silentAddress = "127.0.0.1:" + silent.getLocalPort();
      assertFails(
          ExitCode.TIMEOUT,
          "timed out after 0.3 s connecting to " + silentAddress,
          run("--timeout=0.3", "list", silentAddress));
    }
  }

  @Test
  void resultOfAClassTheToolDoesNotKnowExitsTen() {
    assertFails(ExitCode.RPC_FAILURE, "Token", run("call", address, "token"));
  }
}
