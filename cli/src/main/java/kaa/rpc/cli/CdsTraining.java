package kaa.rpc.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import kaa.rpc.Server;

/**
 * A training run for class data sharing: runs the tool's usual paths ({@code list}, {@code call}
 * with JSON arguments, {@code --help}) against a server in this JVM, over a Unix socket and TCP, so
 * that an archive dumped at exit ({@code -XX:ArchiveClassesAtExit}) holds the classes a real call
 * loads. The launcher {@code bin/kaa-rpc} runs it when {@code KAA_RPC_CDS_TRAINING} is set, as the
 * build does; it is not a user command. Prints nothing; exits 0, or 1 if a server cannot start.
 */
final class CdsTraining {
  private static final String SECRET = "cds-training";

  private CdsTraining() {}

  /** Runs the training and exits. */
  public static void main(String[] args) throws Exception {
    KaaRpcCli.configureLibraries();
    PrintStream sink =
        new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    Map<String, String> env = Map.of(KaaRpcCli.SECRET_VARIABLE, SECRET);
    Path dir = Files.createTempDirectory("kaa-rpc-cds");
    Path socket = dir.resolve("training.sock");
    try {
      for (String address : List.of(socket.toString(), "127.0.0.1:0")) {
        try (Server server = new Server(address, SECRET)) {
          String at = address;
          if (server.address() instanceof InetSocketAddress inet) {
            at = inet.getHostString() + ":" + inet.getPort();
          }
          KaaRpcCli.run(new String[] {"list", at}, sink, sink, env);
          KaaRpcCli.run(new String[] {"--verbose", "call", at, "kaa.functions"}, sink, sink, env);
          // Parses every kind of JSON argument, then fails as an unknown function.
          KaaRpcCli.run(
              new String[] {"call", at, "absent", "1", "-2.5", "\"s\"", "[1]", "{\"k\":1}", "null"},
              sink,
              sink,
              env);
          KaaRpcCli.run(new String[] {"call", at, "absent", "a=1"}, sink, sink, env);
        }
      }
      KaaRpcCli.run(new String[] {"--help"}, sink, sink, env);
      KaaRpcCli.run(new String[] {"--bad-option"}, sink, sink, env);
    } finally {
      Files.deleteIfExists(socket);
      Files.deleteIfExists(dir);
    }
    System.exit(0);
  }
}
