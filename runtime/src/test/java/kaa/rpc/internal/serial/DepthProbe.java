package kaa.rpc.internal.serial;

import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.IntFunction;

/** Measures how many stack bytes one level of nesting costs the decoder (run by hand). */
public final class DepthProbe {
  record Link(int value, Link next) {}

  static final class Node {
    int value;
    Object next;
  }

  public static void main(String[] args) throws Exception {
    Map<String, IntFunction<Object>> shapes = new java.util.LinkedHashMap<>();
    shapes.put(
        "record chain",
        n -> {
          Link l = null;
          for (int i = 0; i < n; i++) {
            l = new Link(i, l);
          }
          return l;
        });
    shapes.put(
        "field-serialized chain",
        n -> {
          Node l = null;
          for (int i = 0; i < n; i++) {
            Node x = new Node();
            x.value = i;
            x.next = l;
            l = x;
          }
          return l;
        });
    shapes.put(
        "nested ArrayList",
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
        "nested Object[]",
        n -> {
          Object l = null;
          for (int i = 0; i < n; i++) {
            l = new Object[] {l};
          }
          return l;
        });
    shapes.put(
        "nested HashMap",
        n -> {
          Object l = null;
          for (int i = 0; i < n; i++) {
            Map<Object, Object> x = new HashMap<>();
            x.put("k", l);
            l = x;
          }
          return l;
        });
    shapes.put(
        "nested TreeMap",
        n -> {
          Object l = "v";
          for (int i = 0; i < n; i++) {
            Map<Object, Object> x = new TreeMap<>();
            x.put("k", l);
            l = x;
          }
          return l;
        });
    shapes.put(
        "nested Optional",
        n -> {
          Object l = null;
          for (int i = 0; i < n; i++) {
            l = Optional.ofNullable(l);
          }
          return l;
        });
    shapes.put(
        "nested List.of",
        n -> {
          Object l = "x";
          for (int i = 0; i < n; i++) {
            l = List.of(l);
          }
          return l;
        });
    new StringBuffer().append(1); // initialized before any overflow can poison it
    AllowList allow = AllowList.forEndpoint(List.of(Link.class, Node.class));
    int stack = Integer.parseInt(args.length > 0 ? args[0] : "262144");
    for (Map.Entry<String, IntFunction<Object>> shape : shapes.entrySet()) {
      int lo = 1;
      int hi = 20_000;
      while (lo < hi) {
        int mid = (lo + hi + 1) / 2;
        if (decodes(allow, shape.getValue().apply(mid), stack)) {
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

  static boolean decodes(AllowList allow, Object value, int stack) throws Exception {
    KryoSession s = new KryoSession(allow);
    s.kryo().setMaxDepth(Integer.MAX_VALUE);
    Output out = new Output(1024, -1);
    Thread writer = new Thread(null, () -> s.kryo().writeClassAndObject(out, value), "w", 1 << 30);
    writer.start();
    writer.join();
    s.kryo().reset();
    byte[] bytes = out.toBytes();
    boolean[] ok = new boolean[1];
    Thread t =
        new Thread(
            null,
            () -> {
              try {
                byte[] copy = s.scratchForFrame(bytes.length);
                System.arraycopy(bytes, 0, copy, 0, bytes.length);
                Input in = s.input(copy, 0, bytes.length);
                s.kryo().readClassAndObject(in);
                ok[0] = true;
              } catch (StackOverflowError e) {
                ok[0] = false;
              }
            },
            "probe",
            stack);
    t.start();
    t.join();
    return ok[0];
  }
}
