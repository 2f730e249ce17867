package kaa.rpc.internal.serial;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.kryo5.KryoException;
import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Values nested as deep as {@link KryoSession#MAX_DEPTH} decode on a thread with the JVM's default
 * 1 MiB stack (as an I/O thread has) without overflowing it, whatever nests; one level deeper is
 * refused.
 */
class DepthLimitTest {
  private static final int STACK = 1 << 20;

  record Link(int value, Link next) {}

  static final class Node {
    int value;
    Object next;
  }

  private static Map<String, IntFunction<Object>> shapes() {
    Map<String, IntFunction<Object>> shapes = new java.util.LinkedHashMap<>();
    shapes.put(
        "records",
        n -> {
          Link l = null;
          for (int i = 0; i < n; i++) {
            l = new Link(i, l);
          }
          return l;
        });
    shapes.put(
        "field-serialized objects",
        n -> {
          Node l = null;
          for (int i = 0; i < n; i++) {
            Node x = new Node();
            x.next = l;
            l = x;
          }
          return l;
        });
    shapes.put(
        "lists",
        n -> {
          Object l = null;
          for (int i = 0; i < n; i++) {
            List<Object> x = new ArrayList<>();
            x.add(l);
            l = x;
          }
          return l;
        });
    shapes.put(
        "object arrays",
        n -> {
          Object l = null;
          for (int i = 0; i < n; i++) {
            l = new Object[] {l};
          }
          return l;
        });
    shapes.put(
        "maps",
        n -> {
          Object l = null;
          for (int i = 0; i < n; i++) {
            Map<Object, Object> x = new HashMap<>();
            x.put(1, l);
            l = x;
          }
          return l;
        });
    shapes.put(
        "optionals",
        n -> {
          Object l = null;
          for (int i = 0; i < n; i++) {
            l = Optional.ofNullable(l);
          }
          return l;
        });
    return shapes;
  }

  @Test
  void theDeepestAllowedValueDecodesOnADefaultStackAndOneMoreLevelIsRefused() throws Exception {
    AllowList allow = AllowList.forEndpoint(List.of(Link.class, Node.class));
    for (Map.Entry<String, IntFunction<Object>> shape : shapes().entrySet()) {
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
    KryoSession writer = new KryoSession(allow);
    writer.kryo().setMaxDepth(Integer.MAX_VALUE);
    Output out = new Output(1024, -1);
    Thread write =
        new Thread(null, () -> writer.kryo().writeClassAndObject(out, value), "write", 64 << 20);
    write.start();
    write.join();
    byte[] bytes = out.toBytes();
    Throwable[] failure = new Throwable[1];
    Thread read =
        new Thread(
            null,
            () -> {
              KryoSession s = new KryoSession(allow);
              try {
                byte[] frame = s.scratchForFrame(bytes.length);
                System.arraycopy(bytes, 0, frame, 0, bytes.length);
                Input in = s.input(frame, 0, bytes.length);
                s.kryo().readClassAndObject(in);
              } catch (Throwable t) {
                failure[0] = t;
              }
            },
            "decode",
            STACK);
    read.start();
    read.join();
    assertNull(
        failure[0] instanceof StackOverflowError ? failure[0] : null, "the stack overflowed");
    return failure[0];
  }
}
