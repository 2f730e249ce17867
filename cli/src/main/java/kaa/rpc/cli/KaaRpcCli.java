package kaa.rpc.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kaa.rpc.ArgumentMismatchException;
import kaa.rpc.AuthenticationException;
import kaa.rpc.Client;
import kaa.rpc.DisconnectedException;
import kaa.rpc.NoSuchFunctionException;
import kaa.rpc.Options;
import kaa.rpc.RemoteException;
import kaa.rpc.RpcException;
import kaa.rpc.RpcTimeoutException;

/**
 * The {@code kaa-rpc} command-line tool: lists the functions of a kaa-rpc server and calls them
 * with JSON arguments, printing the result as JSON.
 *
 * <pre>
 * kaa-rpc list 127.0.0.1:7700
 * kaa-rpc call 127.0.0.1:7700 add 1 2
 * kaa-rpc call calc greet name='"Ada"'
 * </pre>
 *
 * <p>The secret comes from {@code --secret-file FILE} or the environment variable {@value
 * #SECRET_VARIABLE}, never from an argument, which other users could read in the process list. Each
 * kind of failure has its own exit code; {@code --help} lists them.
 */
public final class KaaRpcCli {
  /** The environment variable holding the secret when no {@code --secret-file} is given. */
  public static final String SECRET_VARIABLE = "KAA_RPC_SECRET";

  private static final String PREFIX = "kaa-rpc: ";
  private static final String INTROSPECTION = "kaa.functions";

  private KaaRpcCli() {}

  /** Runs the tool with the process's streams and environment and exits with its exit code. */
  public static void main(String[] args) {
    configureLibraries();
    int code;
    try {
      code = run(args, System.out, System.err, System.getenv());
    } catch (RuntimeException | Error e) {
      System.err.println(PREFIX + "internal error: " + e);
      e.printStackTrace();
      code = ExitCode.INTERNAL.code();
    }
    System.out.flush();
    System.exit(code);
  }

  /** Sets the system properties the libraries read at start-up; before any of their classes load. */
  static void configureLibraries() {
    // The runtime logs through SLF4J; the tool reports failures itself, so only errors are logged.
    setPropertyIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "error");
    // Kryo's sun.misc.Unsafe paths print warnings on JDK 24 and later, on every run; a tool that
    // makes one call gains nothing from their speed. Set before any Kryo class loads.
    setPropertyIfAbsent("kryo.unsafe", "false");
    // Netty's buffer allocator emits Flight Recorder events; setting that machinery up costs a
    // short-lived tool about a tenth of a second, for events nobody records.
    setPropertyIfAbsent("io.netty.jfr.enabled", "false");
  }

  private static void setPropertyIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }

  /**
   * Runs the tool: parses {@code args}, connects, lists or calls, and prints the outcome to {@code
   * out} and failures (one line each, prefixed {@code kaa-rpc: }) to {@code err}. Blocks until done
   * or timed out; closes every connection it opens.
   *
   * @param env the environment, where {@value #SECRET_VARIABLE} is looked up
   * @return the exit code: 0 on success, otherwise one of those listed by {@code --help}
   */
  public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
    CommandLine line;
    try {
      line = CommandLine.parse(args);
    } catch (CliException e) {
      report(e, false, err);
      if (e.exitCode() == ExitCode.USAGE) {
        err.println("Run kaa-rpc --help for usage.");
      }
      return e.exitCode().code();
    }
    if (line.help()) {
      out.print(help());
      return ExitCode.OK.code();
    }
    try {
      execute(line, secret(line, env), out);
      return ExitCode.OK.code();
    } catch (CliException e) {
      report(e, line.verbose(), err);
      return e.exitCode().code();
    }
  }

  /** The text {@code --help} prints. */
  static String help() {
    StringBuilder s =
        new StringBuilder(
            """
Usage: kaa-rpc [OPTIONS] list ADDRESS
       kaa-rpc [OPTIONS] call ADDRESS FUNCTION [ARG... | NAME=ARG...]

Lists the functions a kaa-rpc server exposes, or calls one and prints its result as JSON.

  ADDRESS    host:port, [ipv6]:port, a Unix socket path (anything with a '/'),
             or a bare name: a Unix socket in <java.io.tmpdir>/kaa-<user>/
  ARG        a JSON literal: 1  2.5  '"text"'  '[1,2]'  '{"k":1}'  true  null
  NAME=ARG   passes ARG as the parameter NAME; use either all ARG or all NAME=ARG

Options:
  --secret-file FILE  read the secret from FILE (one trailing newline is removed);
                      without it the secret is the environment variable %s
  --timeout SECONDS   how long to wait to connect, and then for each call (default %d)
  --verbose           print stack traces: the remote one for a remote exception;
                      list also shows the service of each function
  -h, --help          print this help and exit
  --                  ends the options; what follows is operands

Exit codes:
"""
                .formatted(SECRET_VARIABLE, CommandLine.DEFAULT_TIMEOUT.toSeconds()));
    for (ExitCode code : ExitCode.values()) {
      s.append(String.format("  %2d  %s%n", code.code(), code.meaning()));
    }
    return s.toString();
  }

  private static void execute(CommandLine line, byte[] secret, PrintStream out)
      throws CliException {
    Options options = Options.builder().callTimeout(line.timeout()).build();
    Client client;
    try {
      client = new Client(line.address(), secret, options);
    } catch (IllegalArgumentException | RpcException e) {
      throw new CliException(ExitCode.BAD_ADDRESS, e.getMessage(), e);
    }
    try (client) {
      await(client.connected(), line.timeout(), "connecting to " + line.address());
      List<FunctionDescription> functions;
      try {
        functions =
            FunctionDescription.fromIntrospection(
                await(client.rpc(INTROSPECTION), callDeadline(line), INTROSPECTION));
      } catch (IllegalArgumentException e) {
        throw new CliException(ExitCode.RPC_FAILURE, e.getMessage(), e);
      }
      if (line.command().equals("list")) {
        for (FunctionDescription f : functions) {
          out.println(f.signature() + (line.verbose() ? "    [" + f.service() + "]" : ""));
        }
      } else {
        out.println(ResultWriter.toJson(call(client, line, functions)));
      }
    }
  }

  private static Object call(Client client, CommandLine line, List<FunctionDescription> functions)
      throws CliException {
    String name = line.function();
    FunctionDescription function =
        functions.stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
    if (function == null && !name.startsWith("kaa.")) {
      throw new CliException(
          ExitCode.UNKNOWN_FUNCTION,
          "no function \"" + name + "\" on " + line.address() + "; kaa-rpc list shows them");
    }
    CompletableFuture<Object> result;
    if (line.named().isEmpty()) {
      List<JsonNode> values = line.positional();
      Object[] args = new Object[values.size()];
      for (int i = 0; i < args.length; i++) {
        FunctionDescription.Parameter p = parameter(function, i);
        args[i] = convert(values.get(i), p, "argument " + (i + 1));
      }
      result = client.rpc(name, args);
    } else {
      Map<String, Object> args = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> arg : line.named().entrySet()) {
        FunctionDescription.Parameter p = parameter(function, arg.getKey());
        args.put(arg.getKey(), convert(arg.getValue(), p, "argument " + arg.getKey()));
      }
      result = client.rpcNamed(name, args);
    }
    return await(result, callDeadline(line), name);
  }

  private static FunctionDescription.Parameter parameter(FunctionDescription f, int index) {
    return f != null && index < f.parameters().size() ? f.parameters().get(index) : null;
  }

  private static FunctionDescription.Parameter parameter(FunctionDescription f, String name) {
    return f == null
        ? null
        : f.parameters().stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
  }

  /**
   * Converts {@code value} for parameter {@code p}; a surplus argument or an unknown name gets its
   * natural value, and the server says what is wrong with it.
   */
  private static Object convert(JsonNode value, FunctionDescription.Parameter p, String what)
      throws CliException {
    if (p == null) {
      return ArgumentConverter.natural(value);
    }
    JavaType type;
    try {
      type = JavaType.parse(p.type());
    } catch (IllegalArgumentException e) {
      type = JavaType.OBJECT; // A type this tool cannot read: let the server judge the value.
    }
    try {
      return ArgumentConverter.convert(value, type);
    } catch (IllegalArgumentException e) {
      throw new CliException(
          ExitCode.BAD_ARGUMENTS,
          what + " (" + p.type() + " " + p.name() + "): " + e.getMessage(),
          e);
    }
  }

  /** The runtime times calls out itself; this margin only guards against it failing to. */
  private static Duration callDeadline(CommandLine line) {
    return line.timeout().plusSeconds(5);
  }

  private static <T> T await(CompletableFuture<T> future, Duration limit, String what)
      throws CliException {
    try {
      return future.get(limit.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new CliException(
          ExitCode.TIMEOUT, "timed out after " + seconds(limit) + " s " + what, e);
    } catch (ExecutionException e) {
      throw failure(e.getCause(), what);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(ExitCode.RPC_FAILURE, "interrupted " + what, e);
    }
  }

  /** Maps why a connection or call failed to its exit code. */
  private static CliException failure(Throwable t, String what) {
    if (t instanceof AuthenticationException) {
      return new CliException(ExitCode.WRONG_SECRET, t.getMessage(), t);
    }
    if (t instanceof DisconnectedException) {
      return new CliException(ExitCode.UNREACHABLE, t.getMessage(), t);
    }
    if (t instanceof NoSuchFunctionException) {
      return new CliException(ExitCode.UNKNOWN_FUNCTION, t.getMessage(), t);
    }
    if (t instanceof ArgumentMismatchException) {
      return new CliException(ExitCode.BAD_ARGUMENTS, t.getMessage(), t);
    }
    if (t instanceof RpcTimeoutException) {
      return new CliException(ExitCode.TIMEOUT, t.getMessage(), t);
    }
    if (t instanceof RemoteException) {
      return new CliException(ExitCode.REMOTE_EXCEPTION, what + " threw " + t.getMessage(), t);
    }
    if (t instanceof RpcException) {
      return new CliException(ExitCode.RPC_FAILURE, t.getMessage(), t);
    }
    // A JDK exception the function threw, rebuilt here with the remote stack trace.
    return new CliException(ExitCode.REMOTE_EXCEPTION, what + " threw " + t, t);
  }

  private static byte[] secret(CommandLine line, Map<String, String> env) throws CliException {
    byte[] secret;
    String source;
    if (line.secretFile() != null) {
      source = "secret file " + line.secretFile();
      try {
        secret = withoutTrailingNewline(Files.readAllBytes(line.secretFile()));
      } catch (IOException e) {
        String why =
            e instanceof NoSuchFileException
                ? "no such file"
                : e instanceof AccessDeniedException ? "permission denied" : e.toString();
        throw new CliException(ExitCode.USAGE, "cannot read " + source + ": " + why, e);
      }
    } else {
      String value = env.get(SECRET_VARIABLE);
      if (value == null) {
        throw new CliException(
            ExitCode.USAGE,
            "no secret: pass --secret-file FILE or set the environment variable "
                + SECRET_VARIABLE);
      }
      source = "environment variable " + SECRET_VARIABLE;
      secret = value.getBytes(UTF_8);
    }
    if (secret.length == 0) {
      throw new CliException(ExitCode.USAGE, "the secret in " + source + " is empty");
    }
    return secret;
  }

  /** Drops one trailing {@code \n} or {@code \r\n}, as editors and {@code echo} add one. */
  static byte[] withoutTrailingNewline(byte[] bytes) {
    int end = bytes.length;
    if (end > 0 && bytes[end - 1] == '\n') {
      end--;
      if (end > 0 && bytes[end - 1] == '\r') {
        end--;
      }
    }
    return Arrays.copyOf(bytes, end);
  }

  private static void report(CliException e, boolean verbose, PrintStream err) {
    // Runtime messages may continue on indented lines; the tool promises one line.
    err.println(PREFIX + String.valueOf(e.getMessage()).replaceAll("\\s*\\R\\s*", " "));
    if (verbose && e.getCause() != null) {
      e.getCause().printStackTrace(err);
    }
  }

  private static String seconds(Duration d) {
    return BigDecimal.valueOf(d.toNanos(), 9).stripTrailingZeros().toPlainString();
  }
}
