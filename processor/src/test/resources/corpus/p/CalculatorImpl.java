package p;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import kaa.rpc.Channel;

/** Serves {@link Calculator} in the dispatcher tests. */
public class CalculatorImpl implements Calculator {
  public final List<String> logged = new ArrayList<>();
  public Channel lastCaller;

  @Override
  public int add(int a, int b) {
    return a + b;
  }

  @Override
  public String mySomething(int foo) {
    return "foo=" + foo;
  }

  @Override
  public CompletionStage<byte[]> fetch(String key) throws IOException {
    if (key.isEmpty()) {
      throw new IOException("empty key");
    }
    return CompletableFuture.completedFuture(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Override
  public void log(Channel caller, String line) {
    lastCaller = caller;
    logged.add(line);
  }
}
