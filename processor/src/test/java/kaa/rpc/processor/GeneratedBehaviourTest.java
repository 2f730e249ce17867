package kaa.rpc.processor;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import javax.tools.JavaFileObject;
import kaa.rpc.Channel;
import kaa.rpc.spi.Dispatcher;
import kaa.rpc.spi.FunctionInfo;
import kaa.rpc.spi.GeneratedRpc;
import kaa.rpc.spi.ParameterInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Loads the classes generated for the corpus and runs their dispatcher and the local methods of
 * their proxies, without a connection (calls over real sockets are tested in samples/).
 */
class GeneratedBehaviourTest {
  private static ClassLoader loader;

  @BeforeAll
  static void compile() {
    List<JavaFileObject> sources = new java.util.ArrayList<>(GeneratedCodeTest.corpus());
    sources.add(GeneratedCodeTest.corpus("p/CalculatorImpl.java"));
    Compilation compilation =
        com.google.testing.compile.Compiler.javac()
            .withProcessors(new ExposeProcessor())
            .compile(sources);
    Map<String, byte[]> classes = new HashMap<>();
    for (JavaFileObject file : compilation.generatedFiles()) {
      String path = file.toUri().getPath();
      int start = path.indexOf("/CLASS_OUTPUT/");
      if (file.getKind() == JavaFileObject.Kind.CLASS && start >= 0) {
        String name =
            path.substring(start + "/CLASS_OUTPUT/".length(), path.length() - ".class".length())
                .replace('/', '.');
        try (InputStream in = file.openInputStream()) {
          classes.put(name, in.readAllBytes());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    loader =
        new ClassLoader(GeneratedBehaviourTest.class.getClassLoader()) {
          @Override
          protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = classes.get(name);
            if (bytes == null) {
              throw new ClassNotFoundException(name);
            }
            return defineClass(name, bytes, 0, bytes.length);
          }
        };
  }

  private static Class<?> load(String name) throws ClassNotFoundException {
    return Class.forName(name, true, loader);
  }

  private static Object call(Class<?> type, String method, Class<?> parameter, Object argument)
      throws Exception {
    return type.getMethod(method, parameter).invoke(null, argument);
  }

  private static Channel fakeChannel() {
    return (Channel)
        java.lang.reflect.Proxy.newProxyInstance(
            GeneratedBehaviourTest.class.getClassLoader(),
            new Class<?>[] {Channel.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "toString" -> "FakeChannel";
                  case "hashCode" -> 42;
                  case "equals" -> proxy == args[0];
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }

  @Test
  void dispatcherDescribesFunctionsWithSourceNamesAndTypes() throws Exception {
    Class<?> calculator = load("p.Calculator");
    Dispatcher dispatcher =
        (Dispatcher)
            call(
                load("p.CalculatorRpc"),
                "dispatcher",
                calculator,
                load("p.CalculatorImpl").getConstructor().newInstance());
    assertThat(dispatcher.serviceName()).isEqualTo("p.Calculator");
    List<FunctionInfo> functions = dispatcher.functions();
    assertThat(functions.stream().map(FunctionInfo::name).toList())
        .containsExactly("add", "do_something", "fetch", "log")
        .inOrder();
    assertThat(functions.get(0).parameters())
        .containsExactly(
            new ParameterInfo("a", int.class, "int"), new ParameterInfo("b", int.class, "int"))
        .inOrder();
    assertThat(functions.get(0).kind()).isEqualTo(FunctionInfo.Kind.VALUE);
    assertThat(functions.get(1).javaName()).isEqualTo("mySomething");
    assertThat(functions.get(2).kind()).isEqualTo(FunctionInfo.Kind.ASYNC);
    assertThat(functions.get(2).returnType())
        .isEqualTo("java.util.concurrent.CompletionStage<byte[]>");
    assertThat(functions.get(3).kind()).isEqualTo(FunctionInfo.Kind.VOID);
    assertThat(functions.get(3).parameters())
        .containsExactly(new ParameterInfo("line", String.class, "java.lang.String"));
  }

  @Test
  void dispatcherCastsCallsAndInjectsTheCaller() throws Exception {
    Object implementation = load("p.CalculatorImpl").getConstructor().newInstance();
    Dispatcher dispatcher =
        (Dispatcher) call(load("p.CalculatorRpc"), "dispatcher", load("p.Calculator"), implementation);
    Channel caller = fakeChannel();
    assertThat(dispatcher.invoke(0, caller, new Object[] {1, 2})).isEqualTo(3);
    assertThat(dispatcher.invoke(1, caller, new Object[] {4})).isEqualTo("foo=4");
    Object stage = dispatcher.invoke(2, caller, new Object[] {"abc"});
    assertThat(((CompletionStage<?>) stage).toCompletableFuture().get())
        .isEqualTo("abc".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(dispatcher.invoke(3, caller, new Object[] {"hello"})).isNull();
    assertThat(implementation.getClass().getField("logged").get(implementation))
        .isEqualTo(List.of("hello"));
    assertThat(implementation.getClass().getField("lastCaller").get(implementation))
        .isSameInstanceAs(caller);
  }

  @Test
  void dispatcherPassesExceptionsOnAndRejectsUnknownIndexes() throws Exception {
    Dispatcher dispatcher =
        (Dispatcher)
            call(
                load("p.CalculatorRpc"),
                "dispatcher",
                load("p.Calculator"),
                load("p.CalculatorImpl").getConstructor().newInstance());
    IOException thrown =
        assertThrows(IOException.class, () -> dispatcher.invoke(2, null, new Object[] {""}));
    assertThat(thrown).hasMessageThat().isEqualTo("empty key");
    assertThrows(AssertionError.class, () -> dispatcher.invoke(4, null, new Object[0]));
  }

  @Test
  void proxyObjectMethodsAreLocal() throws Exception {
    Class<?> rpc = load("p.CalculatorRpc");
    Channel channel = fakeChannel();
    Object proxy = call(rpc, "proxy", Channel.class, channel);
    Object same = call(rpc, "proxy", Channel.class, channel);
    Object other = call(rpc, "proxy", Channel.class, fakeChannel());
    assertThat(proxy.toString()).isEqualTo("CalculatorRpc.proxy(FakeChannel)");
    assertThat(proxy).isEqualTo(same);
    assertThat(proxy).isNotEqualTo(other);
    assertThat(proxy.hashCode()).isEqualTo(same.hashCode());
    assertThat(load("p.Calculator").isInstance(proxy)).isTrue();
    Object async = call(rpc, "async", Channel.class, channel);
    assertThat(async.toString()).isEqualTo("CalculatorRpc.async(FakeChannel)");
  }

  @Test
  void factoriesRejectNull() throws Exception {
    Class<?> rpc = load("p.CalculatorRpc");
    InvocationTargetException e =
        assertThrows(
            InvocationTargetException.class, () -> call(rpc, "proxy", Channel.class, null));
    assertThat(e).hasCauseThat().isInstanceOf(NullPointerException.class);
  }

  @Test
  void generatedClassesFollowTheRuntimeLookupRule() throws Exception {
    // p.Outer.Repo -> p.Outer_RepoRpc with proxy(Channel) returning the erased interface and
    // dispatcher(Repo) returning Dispatcher, public and static.
    Class<?> repo = load("p.Outer$Repo");
    Class<?> rpc = load("p.Outer_RepoRpc");
    assertThat(rpc.getMethod("proxy", Channel.class).getReturnType()).isEqualTo(repo);
    assertThat(rpc.getMethod("dispatcher", repo).getReturnType()).isEqualTo(Dispatcher.class);
    assertThat(java.lang.reflect.Modifier.isFinal(rpc.getModifiers())).isTrue();
    assertThat(rpc.getDeclaredConstructors()[0].canAccess(null)).isFalse();
    Class<?> greeter = load("Greeter");
    assertThat(load("GreeterRpc").getMethod("proxy", Channel.class).getReturnType())
        .isEqualTo(greeter);
    assertThat(GeneratedRpc.class.isAnnotation()).isTrue();
  }
}
