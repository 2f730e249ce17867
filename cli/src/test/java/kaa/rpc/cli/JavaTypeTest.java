package kaa.rpc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading the type text that {@code kaa.functions} returns. */
class JavaTypeTest {

  @Test
  void readsPrimitivesClassesAndArrays() {
    assertEquals(new JavaType("int", List.of(), 0), JavaType.parse("int"));
    assertTrue(JavaType.parse("int").isPrimitive());
    assertEquals(new JavaType("java.lang.String", List.of(), 2), JavaType.parse("String[][]"));
    assertEquals(
        new JavaType("java.lang.String", List.of(), 1), JavaType.parse("java.lang.String..."));
  }

  @Test
  void readsTypeArgumentsAndWildcards() {
    JavaType map =
        JavaType.parse(
            "java.util.Map<java.lang.String, java.util.List<? extends java.lang.Number>>");
    assertEquals("java.util.Map", map.name());
    assertEquals("java.lang.String", map.argument(0).name());
    assertEquals("java.util.List<java.lang.Number>", map.argument(1).toString());
    assertEquals(
        JavaType.OBJECT, JavaType.parse("java.util.List<? super java.lang.Integer>").argument(0));
    assertEquals(JavaType.OBJECT, JavaType.parse("java.util.List<?>").argument(0));
    assertEquals(JavaType.OBJECT, JavaType.parse("java.util.List").argument(0));
  }

  @Test
  void skipsTypeAnnotationsAndKeepsNestedNames() {
    assertEquals(
        "java.lang.String", JavaType.parse("java.lang.@org.example.Nullable String").name());
    assertEquals(
        "java.util.List<java.lang.Long>",
        JavaType.parse("@A(x = 1) java.util.List<@B java.lang.Long>").toString());
    assertEquals(
        "p.Outer.Inner<T>", JavaType.parse("p.Outer<java.lang.String>.Inner<T>").toString());
  }

  @Test
  void refusesWhatIsNotAType() {
    for (String text : List.of("", "List<", "int[", "a b", "<T>")) {
      assertThrows(IllegalArgumentException.class, () -> JavaType.parse(text), text);
    }
  }
}
