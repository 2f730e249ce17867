package com.example.greeter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import kaa.rpc.Client;
import kaa.rpc.Server;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GreeterTest {
  @TempDir static Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"tcp", "unix"})
  void typedCallsBothWays(String transport) throws Exception {
    String address = transport.equals("tcp") ? "127.0.0.1:0" : dir.resolve("greeter.sock").toString();
    try (Server server = new Server(address, "example secret")) {
      server.connect(new GreeterService());
      List<String> printed = new CopyOnWriteArrayList<>();
      try (Client client = new Client(server.address(), "example secret")) {
        client.connect((Console) line -> {
          printed.add(line);
          return line.length();
        });
        Greeter greeter = client.proxy(Greeter.class);
        assertEquals("Hello, Ada!", greeter.greet("Ada"));
        assertEquals(3, greeter.shout(null, "hey", 3).toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertEquals(List.of("HEY", "HEY", "HEY"), printed);
        assertEquals(2, GreeterRpc.async(client).shout("ho", 2).get(10, TimeUnit.SECONDS));
        IOException e = assertThrows(IOException.class, () -> greeter.greetStrictly(" "));
        assertEquals("a name, please", e.getMessage());
        ExecutionException async =
            assertThrows(ExecutionException.class, () -> GreeterRpc.async(client).shout("x", -1).get(10, TimeUnit.SECONDS));
        assertInstanceOf(IOException.class, async.getCause());
      }
    }
  }
}
