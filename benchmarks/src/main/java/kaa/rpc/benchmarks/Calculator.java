package kaa.rpc.benchmarks;

/**
 * The service every benchmark calls: one tiny function, so the numbers show the cost of the call
 * path and not of the work or of serializing big values.
 */
public interface Calculator {
  /** Returns {@code a + b}. */
  int add(int a, int b);
}
