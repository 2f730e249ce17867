package kaa.rpc.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class RemoteMethodTest {
  private static RemoteMethod add(int id) {
    return RemoteMethod.builder("p.Calculator", id, "add")
        .parameter("a", int.class, "int")
        .parameter("b", int.class, "int")
        .returnsValue(Integer.class, "int")
        .build();
  }

  @Test
  void oneDescriptorServesTheProxyTheDispatcherAndIntrospection() {
    RemoteMethod fetch =
        RemoteMethod.builder("p.Calculator", 1, "fetch")
            .exposedAs("do.fetch")
            .parameter("key", String.class, "java.lang.String")
            .returnsAsync(byte[].class, "java.util.concurrent.CompletionStage<byte[]>")
            .throwing(IOException.class, IOException::new)
            .build();
    assertEquals("do.fetch", fetch.name());
    assertEquals("fetch", fetch.javaName());
    assertEquals("Calculator.fetch", fetch.describe());
    assertEquals(byte[].class, fetch.resultType());
    assertEquals(IOException.class, fetch.exceptions().get(0).type());
    FunctionInfo function = fetch.function();
    assertEquals("do.fetch", function.name());
    assertEquals(FunctionInfo.Kind.ASYNC, function.kind());
    assertEquals(
        List.of(new ParameterInfo("key", String.class, "java.lang.String")), function.parameters());

    RemoteMethod log = RemoteMethod.builder("p.Calculator", 2, "log").returnsVoid().build();
    assertEquals(Void.class, log.resultType());
    assertEquals("void", log.function().returnType());
    assertEquals(FunctionInfo.Kind.VOID, log.function().kind());

    assertEquals(
        List.of(add(0).function(), fetch.function(), log.function()),
        RemoteMethod.functions(add(0), fetch, log));
  }

  @Test
  void functionsRefuseAnIdThatIsNotTheIndexTheSwitchUses() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> RemoteMethod.functions(add(1)));
    assertTrue(e.getMessage().contains("Calculator.add has id 1 but is at index 0"), e.getMessage());
  }

  @Test
  void aDescriptorWithoutItsResultOrWithAPrimitiveResultIsRefused() {
    assertThrows(IllegalStateException.class, () -> RemoteMethod.builder("p.S", 0, "m").build());
    assertThrows(
        IllegalArgumentException.class,
        () -> new RemoteMethod("p.S", 0, add(0).function(), int.class, List.of()));
  }
}
