package kaa.rpc.internal.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.util.concurrent.ThreadFactory;
import kaa.rpc.internal.lead.LeadGroup;
import kaa.rpc.internal.lead.Leads;
import java.util.concurrent.TimeUnit;

/**
 * The I/O threads ({@code kaa-rpc-io-N}) shared by every server and client of the process: made
 * when the first one opens and shut down when the last one closes.
 *
 * <p>By default these are {@link LeadGroup}s: event loops led by whichever thread is doing their
 * work (a worker that runs an exposed method right where its call was read, or a blocking caller
 * that reads its own result). Servers and clients use separate loops, so a caller never has to run
 * a server's work. The system property {@code kaa.rpc.eventLoops=classic} selects Netty's
 * ordinary one-thread-per-loop group and the call pool instead (for comparisons).
 */
public final class EventLoops {
  private static final Object LOCK = new Object();
  /** True unless the classic event loops were asked for. */
  public static final boolean LEAD =
      !"classic".equals(System.getProperty("kaa.rpc.eventLoops", "lead"));

  private static EventLoopGroup servers;
  private static EventLoopGroup clients;
  private static Object workers;
  private static int users;

  private EventLoops() {}

  /** Takes a reference to the shared groups; give it back with {@link #release}. */
  public static EventLoopGroup acquire() {
    synchronized (LOCK) {
      if (servers == null) {
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        if (LEAD) {
          workers = LeadGroup.newWorkers("kaa-rpc-io");
          servers = new LeadGroup(threads, NioIoHandler.newFactory(), workers, false);
          clients = new LeadGroup(threads, NioIoHandler.newFactory(), workers, true);
        } else {
          servers =
              new MultiThreadIoEventLoopGroup(
                  threads, new IoThreadFactory(), NioIoHandler.newFactory());
          clients = servers;
        }
      }
      users++;
      return servers;
    }
  }

  /** The client loops that go with {@code group}, which {@link #acquire} returned. */
  public static EventLoopGroup clientsOf(EventLoopGroup group) {
    synchronized (LOCK) {
      if (group != servers) {
        throw new IllegalStateException("the I/O threads were released");
      }
      return clients;
    }
  }

  /** Gives back a reference taken by {@link #acquire}; the last one shuts the groups down. */
  public static void release(EventLoopGroup released) {
    synchronized (LOCK) {
      if (released != servers || users == 0) {
        return;
      }
      if (--users == 0) {
        io.netty.util.concurrent.Future<?> s = servers.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        if (clients != servers) {
          io.netty.util.concurrent.Future<?> c =
              clients.shutdownGracefully(0, 2, TimeUnit.SECONDS);
          Object stopping = workers;
          s.addListener(f -> c.addListener(g -> LeadGroup.stopWorkers(stopping)));
        }
        servers = null;
        clients = null;
        workers = null;
      }
    }
  }

  /** True if the current thread is one of kaa-rpc's I/O threads. */
  public static boolean onIoThread() {
    return Thread.currentThread() instanceof IoThread || Leads.inLoopCode();
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
