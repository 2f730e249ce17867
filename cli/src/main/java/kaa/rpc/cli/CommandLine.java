package kaa.rpc.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed {@code kaa-rpc} command line.
 *
 * <p>Options start with {@code --} (or are {@code -h}) and may appear anywhere before a {@code --}
 * that ends them; {@code --name=value} and {@code --name value} are the same. Anything else is an
 * operand, so a negative number such as {@code -1} is an argument, not an option. Function
 * arguments are parsed as JSON here, so malformed JSON fails before any connection is made.
 *
 * @param help {@code --help} or {@code -h} was given; nothing else is then checked but options
 * @param command {@code "list"} or {@code "call"} (null only with {@code help})
 * @param address the server address as typed
 * @param function the function to call ({@code call} only)
 * @param positional positional arguments, in order; empty if {@code named} is used
 * @param named arguments by parameter name, in the order given; empty if {@code positional} is used
 * @param secretFile the {@code --secret-file}, or null to use {@value KaaRpcCli#SECRET_VARIABLE}
 * @param timeout {@code --timeout}, or the default
 * @param verbose {@code --verbose}
 */
record CommandLine(
    boolean help,
    String command,
    String address,
    String function,
    List<JsonNode> positional,
    Map<String, JsonNode> named,
    Path secretFile,
    Duration timeout,
    boolean verbose) {

  /** How long {@code kaa-rpc} waits without {@code --timeout}, as the runtime does for calls. */
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  CommandLine {
    positional = Collections.unmodifiableList(new ArrayList<>(positional));
    named = Collections.unmodifiableMap(new LinkedHashMap<>(named));
  }

  /**
   * Parses {@code args}.
   *
   * @throws CliException with {@link ExitCode#USAGE} for a bad option or command, {@link
   *     ExitCode#BAD_ARGUMENTS} for an argument that is not JSON
   */
  static CommandLine parse(String... args) throws CliException {
    List<String> operands = new ArrayList<>();
    Path secretFile = null;
    Duration timeout = DEFAULT_TIMEOUT;
    boolean verbose = false;
    boolean help = false;
    boolean optionsEnded = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (optionsEnded || !isOption(arg)) {
        operands.add(arg);
        continue;
      }
      if (arg.equals("--")) {
        optionsEnded = true;
        continue;
      }
      int equals = arg.indexOf('=');
      String name = equals < 0 ? arg : arg.substring(0, equals);
      String inline = equals < 0 ? null : arg.substring(equals + 1);
      switch (name) {
        case "-h", "--help" -> {
          noValue(name, inline);
          help = true;
        }
        case "--verbose" -> {
          noValue(name, inline);
          verbose = true;
        }
        case "--secret-file" -> {
          String value = inline != null ? inline : value(args, ++i, name);
          if (value.isEmpty()) {
            throw usage("--secret-file needs a file name");
          }
          secretFile = Path.of(value);
        }
        case "--timeout" -> timeout = timeout(inline != null ? inline : value(args, ++i, name));
        case "--secret" ->
            throw usage(
                "--secret is not accepted, as other users could read it in the process list; "
                    + "use --secret-file FILE or the environment variable "
                    + KaaRpcCli.SECRET_VARIABLE);
        default -> throw usage("unknown option " + name);
      }
    }
    if (help) {
      return new CommandLine(
          true, null, null, null, List.of(), Map.of(), secretFile, timeout, verbose);
    }
    if (operands.isEmpty()) {
      throw usage("no command; expected list or call");
    }
    String command = operands.get(0);
    switch (command) {
      case "list" -> {
        if (operands.size() != 2) {
          throw usage("list takes one ADDRESS, got " + (operands.size() - 1) + " operands");
        }
        return new CommandLine(
            false,
            command,
            operands.get(1),
            null,
            List.of(),
            Map.of(),
            secretFile,
            timeout,
            verbose);
      }
      case "call" -> {
        if (operands.size() < 3) {
          throw usage("call needs an ADDRESS and a FUNCTION");
        }
        List<String> values = operands.subList(3, operands.size());
        List<JsonNode> positional = new ArrayList<>();
        Map<String, JsonNode> named = new LinkedHashMap<>();
        for (int i = 0; i < values.size(); i++) {
          String value = values.get(i);
          int nameEnd = parameterNameEnd(value);
          if (nameEnd < 0) {
            positional.add(json(value, "argument " + (i + 1)));
          } else {
            String parameter = value.substring(0, nameEnd);
            if (named.containsKey(parameter)) {
              throw usage("parameter " + parameter + " is given twice");
            }
            named.put(parameter, json(value.substring(nameEnd + 1), "argument " + parameter));
          }
        }
        if (!positional.isEmpty() && !named.isEmpty()) {
          throw usage("arguments mix positional and NAME=ARG forms; use one or the other");
        }
        return new CommandLine(
            false,
            command,
            operands.get(1),
            operands.get(2),
            positional,
            named,
            secretFile,
            timeout,
            verbose);
      }
      default -> throw usage("unknown command " + command + "; expected list or call");
    }
  }

  /** Options are {@code --anything} and {@code -h}; other words with a dash are operands (-1). */
  private static boolean isOption(String arg) {
    return arg.startsWith("--")
        || (arg.length() > 1 && arg.charAt(0) == '-' && Character.isLetter(arg.charAt(1)));
  }

  private static void noValue(String option, String inline) throws CliException {
    if (inline != null) {
      throw usage(option + " takes no value");
    }
  }

  private static String value(String[] args, int index, String option) throws CliException {
    if (index >= args.length) {
      throw usage(option + " needs a value");
    }
    return args[index];
  }

  private static Duration timeout(String text) throws CliException {
    BigDecimal seconds;
    try {
      seconds = new BigDecimal(text);
    } catch (NumberFormatException e) {
      seconds = null;
    }
    if (seconds == null
        || seconds.signum() <= 0
        || seconds.compareTo(BigDecimal.valueOf(1e9)) > 0) {
      throw usage("--timeout needs a positive number of seconds, got \"" + text + "\"");
    }
    return Duration.ofNanos(seconds.movePointRight(9).longValue());
  }

  /**
   * The index of the {@code =} in {@code NAME=ARG} where NAME is a Java identifier, or -1. No JSON
   * literal starts that way, so the two forms cannot be confused.
   */
  private static int parameterNameEnd(String value) {
    int equals = value.indexOf('=');
    if (equals <= 0 || !Character.isJavaIdentifierStart(value.charAt(0))) {
      return -1;
    }
    for (int i = 1; i < equals; i++) {
      if (!Character.isJavaIdentifierPart(value.charAt(i))) {
        return -1;
      }
    }
    return equals;
  }

  private static JsonNode json(String text, String what) throws CliException {
    try {
      JsonNode node = JsonTree.parse(text);
      if (node == null || node.isMissingNode()) {
        throw new CliException(ExitCode.BAD_ARGUMENTS, what + " is empty; pass a JSON literal");
      }
      return node;
    } catch (JacksonException e) {
      // A word is most likely a string the shell stripped the quotes from.
      String why;
      if (!text.isEmpty() && Character.isLetter(text.charAt(0))) {
        why = "a string needs JSON quotes, e.g. '\"" + text + "\"'";
      } else if (e.getOriginalMessage().startsWith("Trailing token")) {
        why = "more than one JSON value; quote the whole argument for the shell";
      } else {
        // Jackson's first line, without its note on where the source is (always the argument).
        why =
            e.getOriginalMessage()
                .lines()
                .findFirst()
                .orElse("")
                .replaceAll(" \\(start marker.*", "");
      }
      throw new CliException(
          ExitCode.BAD_ARGUMENTS, what + " is not JSON: " + text + " (" + why + ")", e);
    }
  }

  private static CliException usage(String message) {
    return new CliException(ExitCode.USAGE, message);
  }
}
