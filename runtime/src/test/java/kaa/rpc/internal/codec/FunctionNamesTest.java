package kaa.rpc.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The table of function names: the same name decoded once, every name decoded right. */
class FunctionNamesTest {
  private static String decode(String name, int pad) {
    byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
    byte[] frame = new byte[pad + utf8.length + 3];
    System.arraycopy(utf8, 0, frame, pad, utf8.length);
    return FunctionNames.decode(frame, pad, utf8.length);
  }

  @Test
  void aNameReadAgainIsTheSameString() {
    String first = decode("Calculator.add", 0);
    assertEquals("Calculator.add", first);
    assertSame(first, decode("Calculator.add", 7), "wherever it lies in its frame");
  }

  @Test
  void manyNamesSharingSlotsAreEachDecodedRight() {
    Set<String> seen = new HashSet<>();
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < FunctionNames.SLOTS * 4; i++) {
        String name = "Service" + i + ".method";
        String got = decode(name, i % 5);
        assertEquals(name, got);
        seen.add(got);
      }
    }
    assertEquals(FunctionNames.SLOTS * 4, seen.size());
  }

  @Test
  void namesThatDifferOnlyInOneByteAreTold() {
    assertEquals("f.a", decode("f.a", 0));
    assertEquals("f.b", decode("f.b", 0));
    assertEquals("f.a", decode("f.a", 1));
  }

  @Test
  void utf8AndEmptyAndLongNames() {
    assertEquals("Kalkül.zähle", decode("Kalkül.zähle", 3));
    assertEquals("", decode("", 0));
    String longName = "x".repeat(FunctionNames.LONGEST + 1);
    String a = decode(longName, 0);
    assertEquals(longName, a);
    assertNotSame(a, decode(longName, 0), "long names are not kept");
  }

  /** What {@link FunctionNames#encode} writes for {@code name}, then what writeString writes. */
  private static void assertEncodedAsWriteString(String name) {
    com.esotericsoftware.kryo.kryo5.io.Output cached =
        new com.esotericsoftware.kryo.kryo5.io.Output(64, -1);
    com.esotericsoftware.kryo.kryo5.io.Output plain =
        new com.esotericsoftware.kryo.kryo5.io.Output(64, -1);
    cached.writeByte(7); // not at the start of the buffer
    plain.writeByte(7);
    FunctionNames.encode(cached, name);
    Wire.writeString(plain, name);
    org.junit.jupiter.api.Assertions.assertArrayEquals(plain.toBytes(), cached.toBytes(), name);
  }

  @Test
  void aNameIsEncodedAsAnyStringWhetherKeptOrNot() {
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < FunctionNames.SLOTS * 4; i++) {
        assertEncodedAsWriteString("Service" + i + ".method");
      }
    }
    assertEncodedAsWriteString("Kalkül.zähle");
    assertEncodedAsWriteString("");
    assertEncodedAsWriteString(null);
    assertEncodedAsWriteString("x".repeat(FunctionNames.LONGEST + 1));
    assertEncodedAsWriteString("\u4e2d".repeat(FunctionNames.LONGEST)); // 3 bytes a char
    assertEncodedAsWriteString(new String("Service1.method")); // equal, not the same string
  }
}
