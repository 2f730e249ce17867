package kaa.rpc.benchmarks;

/** The server side of {@link Calculator}. */
final class CalculatorImpl implements Calculator {
  @Override
  public int add(int a, int b) {
    return a + b;
  }
}
