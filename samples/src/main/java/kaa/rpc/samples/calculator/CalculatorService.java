package kaa.rpc.samples.calculator;

import java.math.BigInteger;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import kaa.rpc.Channel;

/** The server's calculator. */
public final class CalculatorService implements Calculator {
  private final Consumer<String> out;

  /** A calculator that reports what it does to {@code out}. */
  public CalculatorService(Consumer<String> out) {
    this.out = out;
  }

  @Override
  public int add(int a, int b) {
    return a + b;
  }

  @Override
  public String mySomething(int foo) {
    return "did something with " + foo;
  }

  @Override
  public CompletionStage<BigInteger> factorial(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("factorial of a negative number: " + n);
    }
    return CompletableFuture.supplyAsync(
        () -> {
          BigInteger f = BigInteger.ONE;
          for (int i = 2; i <= n; i++) {
            f = f.multiply(BigInteger.valueOf(i));
          }
          return f;
        });
  }

  @Override
  public void log(Channel caller, String line) {
    out.accept("log from " + caller.remoteAddress() + ": " + line);
  }
}
