package kaa.rpc.internal.lead;

import io.netty.channel.IoEventLoop;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import java.util.concurrent.Executor;

/**
 * A group of {@link LeadLoop}s sharing one set of {@link Workers}. Client loops let a blocking
 * caller lead them while it waits; server loops are led by workers only.
 */
public final class LeadGroup extends MultiThreadIoEventLoopGroup {
  /** {@code loops} loops led by {@code workers}; {@code callerDriven} for client loops. */
  public LeadGroup(int loops, IoHandlerFactory factory, Object workers, boolean callerDriven) {
    super(loops, (Executor) command -> {}, factory, workers, callerDriven);
  }

  @Override
  protected IoEventLoop newChild(Executor executor, IoHandlerFactory factory, Object... args) {
    return new LeadLoop(this, factory, (Workers) args[0], (Boolean) args[1]);
  }

  /** The workers of every group made with {@code prefix} as their thread names' start. */
  public static Object newWorkers(String prefix) {
    return new Workers(prefix);
  }

  /** Stops {@code workers} (after every group using them shut down). */
  public static void stopWorkers(Object workers) {
    ((Workers) workers).stop();
  }
}
