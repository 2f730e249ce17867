package kaa.rpc.internal.lead;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultChannelPromise;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.IoHandle;
import io.netty.channel.IoHandler;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.IoRegistration;
import io.netty.util.concurrent.AbstractScheduledEventExecutor;
import io.netty.util.concurrent.DefaultPromise;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.Promise;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every Netty {@link IoEventLoop} must offer besides running its work: registering channels
 * with its {@link IoHandler}, and the shutdown states ({@code STARTED → SHUTTING_DOWN →
 * TERMINATED}). {@link LeadLoop} adds who runs it.
 */
abstract class LoopShell extends AbstractScheduledEventExecutor implements IoEventLoop {
  static final int STARTED = 0;
  static final int SHUTTING_DOWN = 1;
  static final int SHUTDOWN = 2;
  static final int TERMINATED = 3;

  private final IoEventLoopGroup parent;
  final IoHandler handler;
  private final AtomicInteger state = new AtomicInteger(STARTED);
  private final Promise<?> terminationFuture = new DefaultPromise<Void>(GlobalEventExecutor.INSTANCE);
  private volatile boolean registered;

  LoopShell(IoEventLoopGroup parent, IoHandlerFactory factory) {
    super(parent);
    this.parent = parent;
    this.handler = factory.newHandler(this);
  }

  /** True once a channel was registered here. */
  final boolean hasRegistered() {
    return registered;
  }

  /** A shutdown was asked for (once): make sure the loop runs to finish it. */
  abstract void shutdownRequested();

  /** The loop finished its shutdown. */
  final void terminated() {
    state.set(TERMINATED);
    terminationFuture.setSuccess(null);
  }

  // ---- registration ----

  @Override
  public LoopShell next() {
    return this;
  }

  @Override
  public IoEventLoopGroup parent() {
    return parent;
  }

  @Deprecated
  @Override
  public ChannelFuture register(Channel channel) {
    return register(new DefaultChannelPromise(channel, this));
  }

  @Deprecated
  @Override
  public ChannelFuture register(ChannelPromise promise) {
    promise.channel().unsafe().register(this, promise);
    return promise;
  }

  @Deprecated
  @Override
  public ChannelFuture register(Channel channel, ChannelPromise promise) {
    channel.unsafe().register(this, promise);
    return promise;
  }

  @Override
  public Future<IoRegistration> register(IoHandle handle) {
    Promise<IoRegistration> promise = newPromise();
    if (inEventLoop()) {
      registerNow(handle, promise);
    } else {
      execute(() -> registerNow(handle, promise));
    }
    return promise;
  }

  private void registerNow(IoHandle handle, Promise<IoRegistration> promise) {
    registered = true;
    try {
      promise.setSuccess(handler.register(handle));
    } catch (Exception e) {
      promise.setFailure(e);
    }
  }

  @Override
  public boolean isCompatible(Class<? extends IoHandle> handleType) {
    return handler.isCompatible(handleType);
  }

  @Override
  public boolean isIoType(Class<? extends IoHandler> handlerType) {
    return handler.getClass().equals(handlerType);
  }

  // ---- shutdown ----

  @Override
  public Future<?> shutdownGracefully(long quietPeriod, long timeout, TimeUnit unit) {
    if (state.compareAndSet(STARTED, SHUTTING_DOWN)) {
      shutdownRequested();
    }
    return terminationFuture;
  }

  @Deprecated
  @Override
  public void shutdown() {
    shutdownGracefully(0, 0, TimeUnit.SECONDS);
  }

  @Override
  public Future<?> terminationFuture() {
    return terminationFuture;
  }

  @Override
  public boolean isShuttingDown() {
    return state.get() >= SHUTTING_DOWN;
  }

  @Override
  public boolean isShutdown() {
    return state.get() >= SHUTDOWN;
  }

  @Override
  public boolean isTerminated() {
    return state.get() == TERMINATED;
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    return terminationFuture.await(timeout, unit);
  }

}
