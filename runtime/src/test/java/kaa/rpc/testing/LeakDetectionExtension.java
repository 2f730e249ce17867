package kaa.rpc.testing;

import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class if Netty reported a leaked buffer while it ran. Netty only logs leaks; this
 * extension (registered for every test through JUnit's extension auto-detection) records them and
 * turns them into failures. Leak detection runs at level paranoid (see the parent pom).
 */
public final class LeakDetectionExtension implements AfterAllCallback {
  private static final List<String> LEAKS = new CopyOnWriteArrayList<>();

  static {
    ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new RecordingFactory());
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    // Leaks are found when leaked buffers are collected and another buffer is tracked.
    for (int i = 0; i < 3; i++) {
      collectGarbage();
      io.netty.buffer.ByteBufAllocator.DEFAULT.buffer(1).release();
    }
    if (!LEAKS.isEmpty()) {
      String report = String.join("\n\n", LEAKS);
      LEAKS.clear();
      throw new AssertionError("Netty reported leaked buffers:\n" + report);
    }
  }

  /**
   * Runs the collector and returns once it has enqueued a reference it cleared, as it enqueues
   * those of the leaked buffers to Netty's detector; gives up after a few seconds (a collector
   * that ignores {@link System#gc}).
   */
  private static void collectGarbage() throws InterruptedException {
    ReferenceQueue<Object> cleared = new ReferenceQueue<>();
    WeakReference<Object> canary = new WeakReference<>(new Object(), cleared);
    for (int i = 0; i < 30; i++) {
      System.gc();
      if (cleared.remove(100) != null) {
        break;
      }
    }
    Reference.reachabilityFence(canary);
  }

  private static final class RecordingFactory extends ResourceLeakDetectorFactory {
    @Override
    @SuppressWarnings("deprecation") // the abstract method Netty still requires
    public <T> ResourceLeakDetector<T> newResourceLeakDetector(
        Class<T> resource, int samplingInterval, long maxActive) {
      return new ResourceLeakDetector<>(resource, samplingInterval) {
        @Override
        protected void reportTracedLeak(String resourceType, String records) {
          LEAKS.add(resourceType + " leaked:" + records);
          super.reportTracedLeak(resourceType, records);
        }

        @Override
        protected void reportUntracedLeak(String resourceType) {
          LEAKS.add(resourceType + " leaked (untraced)");
          super.reportUntracedLeak(resourceType);
        }
      };
    }
  }
}
