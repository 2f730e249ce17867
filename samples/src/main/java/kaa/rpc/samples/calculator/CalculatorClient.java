package kaa.rpc.samples.calculator;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import kaa.rpc.Channel;
import kaa.rpc.Client;
import kaa.rpc.samples.SampleSettings;

/**
 * Calls a {@link CalculatorServer} the four ways kaa-rpc offers. Usage: {@code CalculatorClient
 * [ADDRESS]}.
 */
public final class CalculatorClient {
  private CalculatorClient() {}

  /** Runs the client. */
  public static void main(String[] args) throws Exception {
    try (Client client = new Client(SampleSettings.address(args, "kaa-calculator"), SampleSettings.secret())) {
      client.connected().get(10, TimeUnit.SECONDS);
      callAllWays(client, System.out);
    }
  }

  /** Calls the calculator on {@code channel}: typed blocking, typed async, untyped, by name. */
  public static void callAllWays(Channel channel, PrintStream out) throws Exception {
    Calculator calc = channel.proxy(Calculator.class); // same as CalculatorRpc.proxy(channel)
    out.println("typed blocking:   calc.add(1, 2) = " + calc.add(1, 2));

    CalculatorRpc.Async async = CalculatorRpc.async(channel);
    Object twenty = async.factorial(20).get(10, TimeUnit.SECONDS);
    out.println("typed async:      factorial(20) = " + twenty);

    out.println("untyped:          rpc(\"add\", 40, 2) = " + channel.rpc("add", 40, 2).get(10, TimeUnit.SECONDS));
    out.println(
        "by parameter name: rpcNamed(\"do_something\", {foo=4}) = "
            + channel.rpcNamed("do_something", Map.of("foo", 4)).get(10, TimeUnit.SECONDS));
    calc.log(null, "hello from the calculator client"); // the Channel argument is not sent
  }
}
