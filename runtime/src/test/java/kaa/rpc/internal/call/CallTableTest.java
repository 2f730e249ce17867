package kaa.rpc.internal.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CallTableTest {
  @Test
  void aWindowOfSequentialIdsIsFoundAndRemoved() {
    CallTable<String> table = new CallTable<>();
    for (int id = 1; id <= 1000; id++) {
      table.put(id, "call " + id);
      if (id > 100) {
        assertEquals("call " + (id - 100), table.remove(id - 100));
      }
    }
    assertEquals(100, table.size());
    for (int id = 901; id <= 1000; id++) {
      assertEquals("call " + id, table.get(id));
    }
    assertNull(table.get(900));
    assertNull(table.remove(900));
  }

  @Test
  void idsSharingASlotGoToTheOverflowAndBack() {
    CallTable<String> table = new CallTable<>();
    int a = 7;
    int b = 7 + CallTable.SLOTS;
    int c = 7 + 5 * CallTable.SLOTS;
    table.put(a, "a");
    table.put(b, "b");
    table.put(c, "c");
    assertEquals(3, table.size());
    assertEquals("b", table.get(b));
    assertEquals("a", table.remove(a)); // the slot is free now; b and c stay in the overflow
    assertEquals("c", table.get(c));
    table.put(b, "b again"); // replaces the overflow's b, now in the slot: still one b
    assertEquals(2, table.size());
    assertEquals("b again", table.remove(b));
    assertNull(table.get(b));
    assertEquals("c", table.remove(c));
    assertTrue(table.isEmpty());
  }

  @Test
  void puttingAnIdAgainReplacesIt() {
    CallTable<String> table = new CallTable<>();
    table.put(3, "first");
    table.put(3, "second");
    assertEquals(1, table.size());
    assertEquals("second", table.remove(3));
    assertTrue(table.isEmpty());
  }

  @Test
  void behavesAsAMapForRandomIds() {
    CallTable<Integer> table = new CallTable<>();
    Map<Integer, Integer> model = new HashMap<>();
    Random random = new Random(42);
    for (int i = 0; i < 200_000; i++) {
      int id = random.nextInt(2048) - 1024; // negative ids and many collisions
      switch (random.nextInt(3)) {
        case 0:
          table.put(id, i);
          model.put(id, i);
          break;
        case 1:
          assertEquals(model.remove(id), table.remove(id), "remove " + id);
          break;
        default:
          assertEquals(model.get(id), table.get(id), "get " + id);
      }
      assertEquals(model.size(), table.size());
    }
    List<Integer> seen = new ArrayList<>();
    table.forEach(seen::add);
    assertEquals(model.size(), seen.size());
    assertTrue(seen.containsAll(model.values()));
    List<Integer> all = table.removeAll();
    assertEquals(model.size(), all.size());
    assertTrue(table.isEmpty());
    assertNull(table.get(all.isEmpty() ? 0 : model.keySet().iterator().next()));
  }
}
