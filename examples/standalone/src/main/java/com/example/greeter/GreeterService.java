package com.example.greeter;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import kaa.rpc.Channel;

/** The server's greeter: calls the caller back through the injected channel. */
public final class GreeterService implements Greeter {
  @Override
  public String greet(String name) {
    return "Hello, " + name + "!";
  }

  @Override
  public String greetStrictly(String name) throws IOException {
    if (name.isBlank()) {
      throw new IOException("a name, please");
    }
    return greet(name);
  }

  @Override
  public CompletionStage<Integer> shout(Channel caller, String line, int times) throws IOException {
    if (times < 0) {
      throw new IOException("cannot shout " + times + " times");
    }
    return CompletableFuture.supplyAsync(
        () -> {
          Console console = ConsoleRpc.proxy(caller);
          int printed = 0;
          for (int i = 0; i < times; i++) {
            console.print(line.toUpperCase());
            printed++;
          }
          return printed;
        });
  }
}
