package kaa.rpc.internal.serial;

import java.util.Map;
import java.util.function.IntFunction;

/**
 * Measures how many stack bytes one level of nesting costs the decoder, for each shape of {@link
 * NestedValues} (run by hand; the argument is the stack size, 256 KiB by default).
 */
public final class DepthProbe {
  private DepthProbe() {}

  public static void main(String[] args) throws Exception {
    new StringBuffer().append(1); // initialized before any overflow can poison it
    AllowList allow = AllowList.forEndpoint(NestedValues.CLASSES);
    int stack = Integer.parseInt(args.length > 0 ? args[0] : "262144");
    for (Map.Entry<String, IntFunction<Object>> shape : NestedValues.shapes().entrySet()) {
      int lo = 1;
      int hi = 20_000;
      while (lo < hi) {
        int mid = (lo + hi + 1) / 2;
        Throwable failure =
            NestedValues.decodeOnStack(
                allow, shape.getValue().apply(mid), stack, Integer.MAX_VALUE);
        if (!(failure instanceof StackOverflowError)) {
          lo = mid;
        } else {
          hi = mid - 1;
        }
      }
      System.out.printf(
          "%-24s %6d levels in %d bytes of stack: %d bytes per level%n",
          shape.getKey(), lo, stack, stack / lo);
    }
  }
}
