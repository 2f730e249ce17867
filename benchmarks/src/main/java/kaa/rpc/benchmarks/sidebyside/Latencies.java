package kaa.rpc.benchmarks.sidebyside;

import java.util.Arrays;

/** Latencies of one measured window, in nanoseconds, and their percentiles. */
final class Latencies {
  private long[] values = new long[1 << 16];
  private int size;

  void add(long nanos) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = nanos;
  }

  int size() {
    return size;
  }

  /** The {@code p}-th percentile (0 < p <= 100), nearest rank; sorts the values. */
  long percentile(double p) {
    if (size == 0) {
      return 0;
    }
    Arrays.sort(values, 0, size);
    int rank = (int) Math.ceil(p / 100.0 * size);
    return values[Math.max(0, Math.min(size - 1, rank - 1))];
  }
}
