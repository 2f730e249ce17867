package kaa.rpc.samples.hub;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import kaa.rpc.Client;
import kaa.rpc.Options;
import kaa.rpc.samples.SampleSettings;

/**
 * Joins the hub and publishes each line typed on standard input; prints what others publish. It
 * reconnects after a server restart and joins again. Usage: {@code HubClient NAME [ADDRESS]}.
 */
public final class HubClient {
  private HubClient() {}

  /** Makes a client that prints hub messages to {@code out} and joins as {@code name} on every connect. */
  public static Client connect(String address, String name, PrintStream out) {
    Options reconnecting = Options.builder().reconnectInterval(Duration.ofMillis(500)).build();
    Client client = new Client(address, SampleSettings.secret(), reconnecting);
    client.connect(
        new Listener() {
          @Override
          public void message(String from, String message) {
            out.println("[" + name + "] " + from + " says: " + message);
          }

          @Override
          public void membership(String member, boolean joined) {
            out.println("[" + name + "] " + member + (joined ? " joined" : " left"));
          }
        });
    // Join on the first connection and again after each reconnect.
    client.onConnected(ch -> HubRpc.async(ch).join(name));
    client.onDisconnected((ch, why) -> out.println("[" + name + "] disconnected: " + why.getMessage()));
    return client;
  }

  /** Runs the client. */
  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: HubClient NAME [ADDRESS]");
      System.exit(2);
    }
    String address = args.length > 1 ? args[1] : "kaa-hub";
    try (Client client = connect(address, args[0], System.out)) {
      Hub hub = client.proxy(Hub.class);
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String line;
      while ((line = in.readLine()) != null) {
        if (!line.isBlank()) {
          hub.publish(line);
        }
      }
    }
  }
}
