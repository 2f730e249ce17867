package com.example.inventory;

import com.example.inventory.api.Inventory;
import com.example.inventory.api.InventoryRpc;
import com.example.inventory.api.Item;
import com.example.inventory.hidden.Unreachable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import kaa.rpc.Client;
import kaa.rpc.Server;

/**
 * Runs a server and a client in this module over a Unix socket and TCP, and checks what a module
 * user relies on: typed and async calls with records, and the error for an unexported package.
 * Prints one line per check; exits 1 at the first that fails.
 */
public final class Main {
  private Main() {}

  /** The server's side of {@link Inventory}. */
  static final class Stock implements Inventory {
    private final Map<String, Integer> units = new TreeMap<>();

    @Override
    public synchronized int add(Item item) {
      return units.merge(item.name(), item.units(), Integer::sum);
    }

    @Override
    public synchronized List<Item> list() {
      return units.entrySet().stream().map(e -> new Item(e.getKey(), e.getValue())).toList();
    }

    @Override
    public CompletionStage<Integer> count(String name) {
      return CompletableFuture.supplyAsync(
          () -> {
            synchronized (this) {
              return units.getOrDefault(name, 0);
            }
          });
    }
  }

  /** Runs the checks; the module path is all it needs. */
  public static void main(String[] args) throws Exception {
    check("running in named module", Main.class.getModule().getName(), "com.example.inventory");
    Path dir = Files.createTempDirectory("kaa-modular");
    try {
      for (String address : List.of(dir.resolve("inventory.sock").toString(), "127.0.0.1:0")) {
        run(address);
      }
    } finally {
      Files.deleteIfExists(dir.resolve("inventory.sock"));
      Files.delete(dir);
    }
    System.out.println("modular example: all checks passed");
  }

  private static void run(String address) throws Exception {
    String secret = "modular-secret";
    try (Server server = new Server(address, secret)) {
      server.connect(new Stock());
      try (Client client = new Client(server.address(), secret)) {
        Inventory inventory = client.proxy(Inventory.class);
        check(address + ": add", inventory.add(new Item("bolt", 3)), 3);
        check(address + ": add again", inventory.add(new Item("bolt", 2)), 5);
        inventory.add(new Item("anchor", 1));
        check(address + ": list", inventory.list(), List.of(new Item("anchor", 1), new Item("bolt", 5)));
        check(
            address + ": async",
            InventoryRpc.async(client).count("bolt").get(10, TimeUnit.SECONDS),
            5);
        try {
          client.proxy(Unreachable.class);
          fail(address + ": a proxy for an unexported package was made");
        } catch (IllegalArgumentException expected) {
          String hint = "exports com.example.inventory.hidden to kaa.rpc;";
          if (!expected.getMessage().contains(hint)) {
            fail(address + ": the error does not say \"" + hint + "\": " + expected.getMessage());
          }
          System.out.println(address + ": unexported package: " + expected.getMessage());
        }
      }
    }
  }

  private static void check(String what, Object actual, Object expected) {
    if (!expected.equals(actual)) {
      fail(what + ": expected " + expected + ", got " + actual);
    }
    System.out.println(what + ": " + actual);
  }

  private static void fail(String why) {
    System.err.println("modular example FAILED: " + why);
    System.exit(1);
  }
}
