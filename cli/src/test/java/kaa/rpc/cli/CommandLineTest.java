package kaa.rpc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing of the {@code kaa-rpc} command line, without a server. */
class CommandLineTest {

  private static CliException failure(ExitCode expected, String... args) {
    CliException e = assertThrows(CliException.class, () -> CommandLine.parse(args));
    assertEquals(expected, e.exitCode(), e.getMessage());
    return e;
  }

  @Test
  void listTakesOneAddress() throws CliException {
    CommandLine line = CommandLine.parse("list", "127.0.0.1:7700");
    assertEquals("list", line.command());
    assertEquals("127.0.0.1:7700", line.address());
    assertNull(line.function());
    assertFalse(line.help());
    assertFalse(line.verbose());
    assertNull(line.secretFile());
    assertEquals(CommandLine.DEFAULT_TIMEOUT, line.timeout());
    assertTrue(failure(ExitCode.USAGE, "list").getMessage().contains("one ADDRESS"));
    failure(ExitCode.USAGE, "list", "a", "b");
  }

  @Test
  void callTakesAddressFunctionAndArguments() throws CliException {
    CommandLine line = CommandLine.parse("call", "calc", "add", "1", "2");
    assertEquals("calc", line.address());
    assertEquals("add", line.function());
    assertEquals(List.of(1, 2), line.positional().stream().map(JsonNode::intValue).toList());
    assertTrue(line.named().isEmpty());
    assertTrue(CommandLine.parse("call", "calc", "now").positional().isEmpty());
    failure(ExitCode.USAGE, "call", "calc");
  }

  @Test
  void missingOrUnknownCommandIsAUsageError() {
    assertTrue(failure(ExitCode.USAGE).getMessage().contains("no command"));
    assertTrue(failure(ExitCode.USAGE, "get", "x").getMessage().contains("unknown command get"));
  }

  @Test
  void readsEveryOption() throws CliException {
    CommandLine line =
        CommandLine.parse(
            "--secret-file", "/run/s", "--timeout", "2.5", "--verbose", "call", "a", "f");
    assertEquals(Path.of("/run/s"), line.secretFile());
    assertEquals(Duration.ofMillis(2500), line.timeout());
    assertTrue(line.verbose());
  }

  @Test
  void optionsTakeValuesAfterAnEqualsSignAndMayComeAnywhere() throws CliException {
    CommandLine line =
        CommandLine.parse("call", "a", "--secret-file=/s", "f", "1", "--timeout=7", "--verbose");
    assertEquals(Path.of("/s"), line.secretFile());
    assertEquals(Duration.ofSeconds(7), line.timeout());
    assertTrue(line.verbose());
    assertEquals(1, line.positional().size());
  }

  @Test
  void helpNeedsNothingElse() throws CliException {
    assertTrue(CommandLine.parse("--help").help());
    assertTrue(CommandLine.parse("-h").help());
    assertTrue(CommandLine.parse("call", "--help").help());
    failure(ExitCode.USAGE, "--help=yes");
  }

  @Test
  void badOptionsAreUsageErrors() {
    assertTrue(failure(ExitCode.USAGE, "--colour", "list", "a").getMessage().contains("--colour"));
    assertTrue(failure(ExitCode.USAGE, "-v", "list", "a").getMessage().contains("-v"));
    assertTrue(
        failure(ExitCode.USAGE, "list", "a", "--timeout").getMessage().contains("needs a value"));
    failure(ExitCode.USAGE, "--secret-file", "", "list", "a");
    failure(ExitCode.USAGE, "--verbose=1", "list", "a");
    for (String timeout : List.of("0", "-1", "soon", "1e12", "")) {
      assertTrue(
          failure(ExitCode.USAGE, "--timeout=" + timeout, "list", "a")
              .getMessage()
              .contains("positive number of seconds"),
          timeout);
    }
  }

  @Test
  void aSecretOnTheCommandLineIsRefused() {
    String message = failure(ExitCode.USAGE, "--secret", "x", "list", "a").getMessage();
    assertTrue(message.contains("--secret-file") && message.contains("KAA_RPC_SECRET"), message);
  }

  @Test
  void argumentsAreJsonLiterals() throws CliException {
    List<JsonNode> args =
        CommandLine.parse(
                "call",
                "a",
                "f",
                "1",
                "-1",
                "2.50",
                "\"text\"",
                "[1,2]",
                "{\"k\":1}",
                "true",
                "null",
                "12345678901234567890")
            .positional();
    assertTrue(args.get(0).isInt());
    assertEquals(-1, args.get(1).intValue());
    assertEquals(new BigDecimal("2.50"), args.get(2).decimalValue());
    assertEquals("text", args.get(3).textValue());
    assertTrue(args.get(4).isArray());
    assertEquals(1, args.get(5).get("k").intValue());
    assertTrue(args.get(6).booleanValue());
    assertTrue(args.get(7).isNull());
    assertTrue(args.get(8).isBigInteger());
  }

  @Test
  void nameEqualsArgumentPassesByName() throws CliException {
    CommandLine line = CommandLine.parse("call", "a", "f", "b=2", "a=\"x=y\"", "_n1=[]");
    assertTrue(line.positional().isEmpty());
    assertEquals(List.of("b", "a", "_n1"), List.copyOf(line.named().keySet()));
    assertEquals("x=y", line.named().get("a").textValue());
    // A JSON string holding '=' is positional: NAME must be a Java identifier.
    assertEquals(
        "k=v", CommandLine.parse("call", "a", "f", "\"k=v\"").positional().get(0).textValue());
  }

  @Test
  void positionalAndNamedArgumentsDoNotMix() {
    assertTrue(failure(ExitCode.USAGE, "call", "a", "f", "1", "b=2").getMessage().contains("mix"));
    assertTrue(
        failure(ExitCode.USAGE, "call", "a", "f", "b=1", "b=2").getMessage().contains("twice"));
  }

  @Test
  void doubleDashEndsOptions() throws CliException {
    CommandLine line = CommandLine.parse("call", "a", "f", "--", "-5");
    assertEquals(-5, line.positional().get(0).intValue());
    failure(ExitCode.BAD_ARGUMENTS, "call", "a", "f", "--", "--verbose");
  }

  @Test
  void malformedJsonIsABadArgument() {
    assertTrue(
        failure(ExitCode.BAD_ARGUMENTS, "call", "a", "f", "hello")
            .getMessage()
            .contains(
                "argument 1 is not JSON: hello (a string needs JSON quotes, e.g. '\"hello\"')"));
    assertTrue(
        failure(ExitCode.BAD_ARGUMENTS, "call", "a", "f", "1 2")
            .getMessage()
            .contains("more than one JSON value"));
    assertTrue(
        failure(ExitCode.BAD_ARGUMENTS, "call", "a", "f", "x={")
            .getMessage()
            .startsWith("argument x is not JSON: {"));
    failure(ExitCode.BAD_ARGUMENTS, "call", "a", "f", "");
    failure(ExitCode.BAD_ARGUMENTS, "call", "a", "f", "{\"k\":1,\"k\":2}");
    failure(ExitCode.BAD_ARGUMENTS, "call", "a", "f", "'single'");
  }
}
