package kaa.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import kaa.rpc.internal.call.ChannelCore;
import kaa.rpc.spi.Calls;
import kaa.rpc.spi.RemoteMethod;
import org.junit.jupiter.api.Test;

/** One identity per channel: what users hold is the channel, with nothing else to reach. */
class ChannelIdentityTest {
  private static final String SECRET = "s3cret";
  private static final RemoteMethod ADD =
      RemoteMethod.builder("test.Calculator", 0, "add")
          .parameter("a", int.class, "int")
          .parameter("b", int.class, "int")
          .returnsValue(Integer.class, "int")
          .build();

  @Test
  void aServerChannelShowsOnlyTheChannelApi() {
    List<String> extra = new ArrayList<>();
    for (Method m : ChannelCore.class.getMethods()) {
      if (m.getDeclaringClass() == Object.class || !Modifier.isPublic(m.getModifiers())) {
        continue;
      }
      try {
        Channel.class.getMethod(m.getName(), m.getParameterTypes());
      } catch (NoSuchMethodException e) {
        if (!m.getName().equals("toString")) {
          extra.add(m.toString());
        }
      }
    }
    assertEquals(List.of(), extra);
  }

  @Test
  void typedCallsGoThroughTheChannelItselfClientOrServerSide() throws Exception {
    try (Server server = new Server("127.0.0.1:0", SECRET);
        Client client = new Client(server.address(), SECRET)) {
      server.connect(new TestDispatchers.Calculator());
      client.connect(new TestDispatchers.Calculator());
      CompletableFuture<Integer> three = Calls.async(client, ADD, new Object[] {1, 2});
      assertEquals(3, three.get(5, TimeUnit.SECONDS));
      Channel toClient = server.channels().get(0);
      CompletableFuture<Integer> five = Calls.async(toClient, ADD, new Object[] {2, 3});
      assertEquals(5, five.get(5, TimeUnit.SECONDS));
      CompletableFuture<Channel> caller = new CompletableFuture<>();
      client.connect(
          TestDispatchers.function(
              "who",
              (ch, args) -> {
                caller.complete(ch);
                return null;
              }));
      toClient.rpc("who").get(5, TimeUnit.SECONDS);
      assertSame(client, caller.get(5, TimeUnit.SECONDS), "methods see the Client itself");
    }
  }

  @Test
  void aChannelThatIsNotKaaRpcsIsRefused() {
    InvocationHandler handler =
        (proxy, method, args) -> {
          if (method.isDefault()) {
            return InvocationHandler.invokeDefault(proxy, method, args);
          }
          return method.getName().equals("toString") ? "foreign" : null;
        };
    Channel foreign =
        (Channel)
            Proxy.newProxyInstance(
                Channel.class.getClassLoader(), new Class<?>[] {Channel.class}, handler);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Calls.async(foreign, ADD, new Object[] {1, 2}));
    assertTrue(e.getMessage().startsWith("not a kaa-rpc channel"), e.getMessage());
  }
}
