package kaa.rpc.internal.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The I/O threads ({@code kaa-rpc-io-N}) shared by every server and client of the process: one
 * group, made when the first one opens and shut down when the last one closes.
 */
public final class EventLoops {
  private static final Object LOCK = new Object();
  private static EventLoopGroup group;
  private static int users;

  private EventLoops() {}

  /** Takes a reference to the shared group; give it back with {@link #release}. */
  public static EventLoopGroup acquire() {
    synchronized (LOCK) {
      if (group == null) {
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        group = new MultiThreadIoEventLoopGroup(threads, new IoThreadFactory(), NioIoHandler.newFactory());
      }
      users++;
      return group;
    }
  }

  /** Gives back a reference taken by {@link #acquire}; the last one shuts the group down. */
  public static void release(EventLoopGroup released) {
    synchronized (LOCK) {
      if (released != group || users == 0) {
        return;
      }
      if (--users == 0) {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        group = null;
      }
    }
  }

  /** True if the current thread is one of kaa-rpc's I/O threads. */
  public static boolean onIoThread() {
    return Thread.currentThread() instanceof IoThread;
  }

  /** Marks kaa-rpc's I/O threads, so blocking calls made on them can fail fast. */
  static final class IoThread extends FastThreadLocalThread {
    IoThread(ThreadGroup group, Runnable r, String name) {
      super(group, r, name);
    }
  }

  private static final class IoThreadFactory extends DefaultThreadFactory {
    private static final java.util.concurrent.atomic.AtomicInteger NEXT =
        new java.util.concurrent.atomic.AtomicInteger(1);

    IoThreadFactory() {
      super("kaa-rpc-io", true);
    }

    @Override
    protected Thread newThread(Runnable r, String name) {
      return new IoThread(threadGroup, r, "kaa-rpc-io-" + NEXT.getAndIncrement());
    }
  }

  /** A thread factory for daemon threads named {@code prefix-N}. */
  public static ThreadFactory named(String prefix) {
    java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger(1);
    return r -> {
      Thread t = new Thread(r, prefix + "-" + next.getAndIncrement());
      t.setDaemon(true);
      return t;
    };
  }
}
