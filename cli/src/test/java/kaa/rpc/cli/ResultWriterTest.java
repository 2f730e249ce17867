package kaa.rpc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Results printed as JSON. */
class ResultWriterTest {

  @Test
  void scalarsAreThemselves() {
    assertEquals("3", ResultWriter.toJson(3));
    assertEquals("null", ResultWriter.toJson(null));
    assertEquals("\"a\\\"b\"", ResultWriter.toJson("a\"b"));
    assertEquals("1.50", ResultWriter.toJson(new BigDecimal("1.50")));
    assertEquals("true", ResultWriter.toJson(true));
  }

  @Test
  void jdkValueTypesAreTheirTextForm() {
    assertEquals("\"PT1M\"", ResultWriter.toJson(Duration.ofMinutes(1)));
    assertEquals(
        "\"1970-01-01T00:00:01Z\"", ResultWriter.toJson(Date.from(Instant.ofEpochSecond(1))));
    assertEquals("\"SECONDS\"", ResultWriter.toJson(TimeUnit.SECONDS));
    assertEquals("\"x\"", ResultWriter.toJson('x'));
    assertEquals("\"a:b\"", ResultWriter.toJson(URI.create("a:b")));
    assertEquals("\"AQI=\"", ResultWriter.toJson(new byte[] {1, 2}));
    assertEquals("4", ResultWriter.toJson(Optional.of(4)));
  }

  @Test
  void containersNest() {
    Map<Object, Object> map = new LinkedHashMap<>();
    map.put(1, Arrays.asList(new int[] {2}, null));
    map.put("e", List.of());
    assertEquals(
        "{\n  \"1\": [\n    [\n      2\n    ],\n    null\n  ],\n  \"e\": [ ]\n}"
            .replace("\n", System.lineSeparator()),
        ResultWriter.toJson(map));
  }
}
