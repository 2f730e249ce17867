package kaa.rpc.internal.serial;

import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * Values nested {@code n} levels deep, one of each shape the decoder recurses through, and a decode
 * of such a value on a thread with a stack of a given size. Shared by {@link DepthLimitTest} and
 * {@link DepthProbe}.
 */
final class NestedValues {
  record Link(int value, Link next) {}

  static final class Node {
    int value;
    Object next;
  }

  /** The classes the shapes need on an allow-list. */
  static final List<Class<?>> CLASSES = List.of(Link.class, Node.class);

  private NestedValues() {}

  /** By name, a function from a depth to a value nested that deep. */
  static Map<String, IntFunction<Object>> shapes() {
    Map<String, IntFunction<Object>> shapes = new LinkedHashMap<>();
    shapes.put("records", n -> nest(n, null, (i, l) -> new Link(i, (Link) l)));
    shapes.put(
        "field-serialized objects",
        n ->
            nest(
                n,
                null,
                (i, l) -> {
                  Node x = new Node();
                  x.value = i;
                  x.next = l;
                  return x;
                }));
    shapes.put("lists", n -> nest(n, null, (i, l) -> put(new ArrayList<>(), l)));
    shapes.put("object arrays", n -> nest(n, null, (i, l) -> new Object[] {l}));
    shapes.put("maps", n -> nest(n, null, (i, l) -> put(new HashMap<>(), 1, l)));
    shapes.put("sorted maps", n -> nest(n, "v", (i, l) -> put(new TreeMap<>(), "k", l)));
    shapes.put("optionals", n -> nest(n, null, (i, l) -> Optional.ofNullable(l)));
    shapes.put("immutable lists", n -> nest(n, "x", (i, l) -> List.of(l)));
    return shapes;
  }

  private interface Level {
    Object wrap(int i, Object inner);
  }

  private static Object nest(int n, Object innermost, Level level) {
    Object l = innermost;
    for (int i = 0; i < n; i++) {
      l = level.wrap(i, l);
    }
    return l;
  }

  private static List<Object> put(List<Object> list, Object element) {
    list.add(element);
    return list;
  }

  private static Map<Object, Object> put(Map<Object, Object> map, Object key, Object value) {
    map.put(key, value);
    return map;
  }

  /**
   * Writes {@code value} without a depth limit, then decodes it with a fresh session on a thread
   * with {@code stack} bytes of stack; returns what the decode threw, or null.
   */
  static Throwable decodeOnStack(AllowList allow, Object value, int stack, int maxDepth)
      throws InterruptedException {
    KryoSession writer = new KryoSession(allow);
    writer.kryo().setMaxDepth(Integer.MAX_VALUE);
    Output out = new Output(1024, -1);
    Thread write =
        new Thread(null, () -> writer.kryo().writeClassAndObject(out, value), "write", 1 << 30);
    write.start();
    write.join();
    byte[] bytes = out.toBytes();
    Throwable[] failure = new Throwable[1];
    Thread read =
        new Thread(
            null,
            () -> {
              KryoSession s = new KryoSession(allow);
              s.kryo().setMaxDepth(maxDepth);
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
            stack);
    read.start();
    read.join();
    return failure[0];
  }
}
