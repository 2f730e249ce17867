package com.example.greeter;

import java.io.IOException;
import java.util.concurrent.CompletionStage;
import kaa.rpc.Channel;
import kaa.rpc.annotation.Expose;

/** What the server exposes. */
@Expose
public interface Greeter {
  /** A greeting for {@code name}. */
  String greet(String name);

  /** A greeting for {@code name}, which must not be blank. */
  String greetStrictly(String name) throws IOException;

  /** Asks the caller's {@link Console} to print {@code times} lines; returns how many it printed. */
  CompletionStage<Integer> shout(Channel caller, String line, int times) throws IOException;
}
