package kaa.rpc.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher {@code bin/kaa-rpc}, where no jar has been built beside it. */
class LauncherScriptTest {

  @Test
  void missingJarTellsHowToBuildIt(@TempDir Path dir) throws IOException, InterruptedException {
    Path script = Files.createDirectories(dir.resolve("bin")).resolve("kaa-rpc");
    Files.copy(Path.of("bin", "kaa-rpc"), script);
    Process process =
        new ProcessBuilder("bash", script.toString(), "--help").redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), UTF_8);
    assertEquals(ExitCode.INTERNAL.code(), process.waitFor());
    assertTrue(
        output.startsWith("kaa-rpc: " + dir.toRealPath().resolve("target/kaa-rpc.jar")), output);
    assertTrue(output.contains("build it with mvn -B install"), output);
  }
}
