package kaa.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SerializationTest {
  private static final String SECRET = "s3cret";

  /** A user record allowed by registration. */
  record Point(int x, int y, List<Tag> tags) {}

  /** Reached only through Point's field: allowed transitively. */
  enum Tag {
    RED,
    GREEN
  }

  /** A user class nobody allowed. */
  static final class Secret {
    final String value;

    Secret(String value) {
      this.value = value;
    }
  }

  @Test
  void builtInValueTypesAndCollectionsRoundTrip() throws Exception {
    List<Object> values =
        List.of(
            42,
            42L,
            (short) 4,
            (byte) 2,
            'c',
            true,
            1.5f,
            2.5d,
            "text ünïcødé",
            new byte[] {1, 2, 3},
            new int[] {4, 5},
            new String[] {"a", "b"},
            new ArrayList<>(List.of(1, "two")),
            new HashMap<>(Map.of("k", 1)),
            new LinkedHashMap<>(Map.of("k", 2)),
            new TreeMap<>(Map.of("a", 1, "b", 2)),
            List.of(1, 2, 3),
            List.of(),
            Set.of("x"),
            Map.of("one", 1),
            Collections.emptyList(),
            Collections.singletonList("s"),
            Arrays.asList(1, 2),
            new BigInteger("123456789012345678901234567890"),
            new BigDecimal("3.14159265358979323846"),
            UUID.randomUUID(),
            URI.create("kaa://host/path"),
            Instant.ofEpochSecond(1_700_000_000L, 5),
            Duration.ofMillis(1234),
            LocalDate.of(2026, 11, 26),
            LocalTime.of(3, 4, 5),
            LocalDateTime.of(2026, 11, 26, 3, 4),
            OffsetDateTime.of(2026, 11, 26, 3, 4, 5, 0, ZoneOffset.ofHours(2)),
            ZonedDateTime.of(2026, 11, 26, 3, 4, 5, 0, ZoneId.of("Europe/Berlin")),
            Period.of(1, 2, 3),
            Optional.of("present"),
            Optional.empty(),
            TimeUnit.SECONDS,
            Locale.GERMANY);
    try (Server server = new Server("127.0.0.1:0", SECRET);
        Client client = new Client(server.address(), SECRET)) {
      server.connect(new TestDispatchers.Calculator());
      for (Object value : values) {
        Object back = client.rpc("echo", value).get(5, TimeUnit.SECONDS);
        if (value.getClass().isArray()) {
          assertTrue(Arrays.deepEquals(new Object[] {value}, new Object[] {back}), value.getClass().toString());
        } else {
          assertEquals(value, back, value.getClass().getName());
        }
      }
    }
  }

  @Test
  void registeredUserTypesAndTheirFieldTypesCrossTheWire() throws Exception {
    Options options = Options.builder().registerTypes(Point.class).build();
    try (Server server = new Server("127.0.0.1:0", SECRET, options);
        Client client = new Client(server.address(), SECRET, options)) {
      server.connect(new TestDispatchers.Calculator());
      Point p = new Point(1, 2, List.of(Tag.RED, Tag.GREEN));
      assertEquals(p, client.rpc("echo", p).get(5, TimeUnit.SECONDS));
      Point[] array = {p, null};
      Object back = client.rpc("echo", (Object) array).get(5, TimeUnit.SECONDS);
      assertTrue(Arrays.equals(array, (Point[]) back));
    }
  }

  @Test
  void argumentThatCannotBeSerializedFailsBeforeAnythingIsSent() throws Exception {
    try (Server server = new Server("127.0.0.1:0", SECRET);
        Client client = new Client(server.address(), SECRET)) {
      server.connect(new TestDispatchers.Calculator());
      CompletableFuture<Object> call = client.rpc("echo", new Secret("x"));
      assertTrue(call.isCompletedExceptionally(), "failed at once, before sending");
      Throwable e = assertThrows(ExecutionException.class, () -> call.get(5, TimeUnit.SECONDS)).getCause();
      assertInstanceOf(SerializationException.class, e);
      assertTrue(e.getMessage().contains(Secret.class.getName()), e.getMessage());
      assertTrue(e.getMessage().contains("registerTypes"), e.getMessage());
      assertEquals(3, client.rpc("add", 1, 2).get(5, TimeUnit.SECONDS));
    }
  }

  @Test
  void classThePeerDidNotAllowIsRefusedForThatCallOnly() throws Exception {
    Options clientAllows = Options.builder().registerTypes(Point.class).build();
    try (Server server = new Server("127.0.0.1:0", SECRET); // the server allows nothing extra
        Client client = new Client(server.address(), SECRET, clientAllows)) {
      server.connect(new TestDispatchers.Calculator());
      Throwable e =
          assertThrows(
                  ExecutionException.class,
                  () -> client.rpc("echo", new Point(1, 2, List.of())).get(5, TimeUnit.SECONDS))
              .getCause();
      assertInstanceOf(SerializationException.class, e);
      assertTrue(e.getMessage().contains(Point.class.getName()), e.getMessage());
      assertEquals(3, client.rpc("add", 1, 2).get(5, TimeUnit.SECONDS));
    }
  }

  @Test
  void resultOfAClassTheCallerDidNotAllowFailsThatCall() throws Exception {
    Options serverAllows = Options.builder().registerTypes(Point.class).build();
    try (Server server = new Server("127.0.0.1:0", SECRET, serverAllows);
        Client client = new Client(server.address(), SECRET)) {
      server.connect(TestDispatchers.constant("point", new Point(3, 4, List.of())));
      server.connect(new TestDispatchers.Calculator());
      Throwable e =
          assertThrows(ExecutionException.class, () -> client.rpc("point").get(5, TimeUnit.SECONDS))
              .getCause();
      assertInstanceOf(SerializationException.class, e);
      assertTrue(e.getMessage().contains(Point.class.getName()), e.getMessage());
      assertEquals(3, client.rpc("add", 1, 2).get(5, TimeUnit.SECONDS));
    }
  }

  @Test
  void resultThatCannotBeSerializedFailsThatCallWithSerializationException() throws Exception {
    try (Server server = new Server("127.0.0.1:0", SECRET);
        Client client = new Client(server.address(), SECRET)) {
      server.connect(TestDispatchers.constant("thread", new Secret("no")));
      Throwable e =
          assertThrows(ExecutionException.class, () -> client.rpc("thread").get(5, TimeUnit.SECONDS))
              .getCause();
      assertInstanceOf(SerializationException.class, e);
      assertTrue(e.getMessage().contains("result"), e.getMessage());
    }
  }

  @Test
  void aRegisteredJdkClassCrossesTheWireAsItself() throws Exception {
    Options options =
        Options.builder()
            .registerTypes(java.util.concurrent.atomic.AtomicLong.class, StringBuilder.class)
            .build();
    try (Server server = new Server("127.0.0.1:0", SECRET, options);
        Client client = new Client(server.address(), SECRET, options)) {
      server.connect(new TestDispatchers.Calculator());
      Object back =
          client.rpc("echo", new java.util.concurrent.atomic.AtomicLong(42)).get(5, TimeUnit.SECONDS);
      assertEquals(42L, ((java.util.concurrent.atomic.AtomicLong) back).get());
      Object text = client.rpc("echo", new StringBuilder("sb")).get(5, TimeUnit.SECONDS);
      assertEquals("sb", text.toString());
      assertInstanceOf(StringBuilder.class, text);
    }
  }

  @Test
  void anUnregisteredJdkClassIsRefusedByNameAtTheSender() throws Exception {
    try (Server server = new Server("127.0.0.1:0", SECRET);
        Client client = new Client(server.address(), SECRET)) {
      server.connect(new TestDispatchers.Calculator());
      Throwable e =
          assertThrows(
                  ExecutionException.class,
                  () -> client.rpc("echo", List.of(new Thread(() -> {}))).get(5, TimeUnit.SECONDS))
              .getCause();
      assertInstanceOf(SerializationException.class, e);
      assertTrue(e.getMessage().contains("class java.lang.Thread of the argument of echo is not allowed"), e.getMessage());
    }
  }

  @Test
  void aJdkClassThatCanNeverBeWrittenCannotBeRegistered() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Options.builder().registerTypes(Thread.class));
    assertTrue(e.getMessage().contains("java.lang.Thread"), e.getMessage());
  }
}
