package kaa.rpc.internal.serial;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.kryo5.KryoException;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Values nested as deep as {@link KryoSession#MAX_DEPTH} decode on a thread with the JVM's default
 * 1 MiB stack (as an I/O thread has) without overflowing it, whatever nests; one level deeper is
 * refused.
 */
class DepthLimitTest {
  private static final int STACK = 1 << 20;

  @Test
  void theDeepestAllowedValueDecodesOnADefaultStackAndOneMoreLevelIsRefused() throws Exception {
    AllowList allow = AllowList.forEndpoint(NestedValues.CLASSES);
    for (Map.Entry<String, IntFunction<Object>> shape : NestedValues.shapes().entrySet()) {
      Throwable deepest = decode(allow, shape.getValue().apply(KryoSession.MAX_DEPTH - 1));
      assertTrue(
          deepest == null || FrameBudget.exceeded(deepest) != null,
          shape.getKey() + " at the limit: " + deepest);
      Throwable deeper = decode(allow, shape.getValue().apply(KryoSession.MAX_DEPTH + 1));
      assertTrue(
          deeper instanceof KryoException && !(deeper.getCause() instanceof StackOverflowError),
          shape.getKey() + " past the limit: " + deeper);
    }
  }

  /** Decodes {@code value} (written without a limit) on a thread with a 1 MiB stack. */
  private static Throwable decode(AllowList allow, Object value) throws Exception {
    Throwable failure = NestedValues.decodeOnStack(allow, value, STACK, KryoSession.MAX_DEPTH);
    assertNull(failure instanceof StackOverflowError ? failure : null, "the stack overflowed");
    return failure;
  }
}
