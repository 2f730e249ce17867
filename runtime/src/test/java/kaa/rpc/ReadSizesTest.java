package kaa.rpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Payloads around the size of a read: whatever the frames' sizes and however they split across
 * socket reads (into a thread's kept buffer or a pooled one), every call gets its own bytes back.
 */
class ReadSizesTest {
  private static final int[] SIZES = {1, 100, 4_000, 8_150, 8_192, 8_300, 16_000, 70_000, 1 << 20};

  private static byte[] payload(int size, int seed) {
    byte[] b = new byte[size];
    for (int i = 0; i < size; i++) {
      b[i] = (byte) (i * 31 + seed);
    }
    return b;
  }

  @Test
  void blockingEchoesOfEverySizeComeBackWhole() throws Exception {
    try (Server server = new Server("127.0.0.1:0", "s3cret")) {
      server.connect(new TestDispatchers.Calculator());
      try (Client client = new Client(server.address(), "s3cret")) {
        for (int round = 0; round < 3; round++) {
          for (int size : SIZES) {
            byte[] sent = payload(size, round);
            assertArrayEquals(sent, (byte[]) client.rpc("echo", (Object) sent).get(10, TimeUnit.SECONDS), "size " + size);
          }
        }
      }
    }
  }

  @Test
  void pipelinedEchoesOfMixedSizesComeBackWholeAndToTheirCalls() throws Exception {
    try (Server server = new Server("127.0.0.1:0", "s3cret")) {
      server.connect(new TestDispatchers.Calculator());
      try (Client client = new Client(server.address(), "s3cret")) {
        List<byte[]> sent = new ArrayList<>();
        List<CompletableFuture<Object>> replies = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
          int size = SIZES[i % (SIZES.length - 1)] + i % 7; // all but the 1 MiB one, a little apart
          byte[] b = payload(size, i);
          sent.add(b);
          replies.add(client.rpc("echo", (Object) b));
        }
        for (int i = 0; i < sent.size(); i++) {
          assertArrayEquals(sent.get(i), (byte[]) replies.get(i).get(30, TimeUnit.SECONDS), "call " + i);
        }
      }
    }
  }
}
