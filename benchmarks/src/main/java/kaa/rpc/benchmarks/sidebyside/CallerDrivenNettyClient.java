package kaa.rpc.benchmarks.sidebyside;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ManualIoEventLoop;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.IOException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The caller-driven floor: the calling thread owns a Netty 4.2 {@link ManualIoEventLoop}, writes
 * its request itself (it is the event loop, so the write goes straight to the socket) and runs the
 * loop until the answer has been read: no thread hand-off on the client. The server is {@link
 * NettyContender}'s, answering on its event loop. For W2 the same thread keeps {@value
 * Pipeline#WINDOW} calls in flight, flushing once per refill.
 */
final class CallerDrivenNettyClient implements BenchClient {
  private static final long SLICE = TimeUnit.MILLISECONDS.toNanos(10);
  private static final long TIMEOUT = TimeUnit.SECONDS.toNanos(30);

  private final ManualIoEventLoop loop;
  private final Channel channel;
  private int inFlight;

  CallerDrivenNettyClient(String address) throws Exception {
    loop = new ManualIoEventLoop(Thread.currentThread(), NioIoHandler.newFactory());
    ChannelFuture connect =
        new Bootstrap()
            .group(loop)
            .channel(NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            .handler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    ch.pipeline().addLast(NettyContender.frameDecoder(), new NettyContender.Caller());
                  }
                })
            .connect(Endpoints.parseTcp(address));
    runUntil(connect);
    if (!connect.isSuccess()) {
      throw new Exception("cannot connect to " + address, connect.cause());
    }
    channel = connect.channel();
  }

  /** Runs the loop on this thread until {@code future} is done. */
  private void runUntil(Future<?> future) throws TimeoutException {
    long deadline = System.nanoTime() + TIMEOUT;
    while (!future.isDone()) {
      if (System.nanoTime() - deadline > 0) {
        throw new TimeoutException("no answer in 30 s");
      }
      loop.run(SLICE);
    }
  }

  @Override
  public int add(int a, int b) throws Exception {
    NettyContender.Call call = new NettyContender.Call(FloorProtocol.ADD, a, b, null, null);
    channel.writeAndFlush(call, channel.voidPromise());
    runUntil(call);
    return (Integer) call.get();
  }

  @Override
  public byte[] echo(byte[] data) throws Exception {
    NettyContender.Call call = new NettyContender.Call(FloorProtocol.ECHO, 0, 0, data, null);
    channel.writeAndFlush(call, channel.voidPromise());
    runUntil(call);
    return (byte[]) call.get();
  }

  @Override
  public void pipelined(Pipeline pipeline) throws Exception {
    Pipeline.Callback callback =
        (a, b, sum, error) -> {
          inFlight--;
          if (error != null) {
            pipeline.failed(error);
          } else {
            pipeline.completed(a, b, sum);
          }
        };
    int i = 0;
    while (pipeline.running()) {
      while (inFlight < Pipeline.WINDOW) {
        channel.write(
            new NettyContender.Call(FloorProtocol.ADD, Pipeline.argA(i), Pipeline.argB(i), null, callback),
            channel.voidPromise());
        inFlight++;
        i++;
      }
      channel.flush();
      loop.run(SLICE);
    }
    long deadline = System.nanoTime() + TIMEOUT;
    while (inFlight > 0) {
      if (System.nanoTime() - deadline > 0 || !channel.isActive()) {
        throw new IllegalStateException(inFlight + " calls still in flight");
      }
      loop.run(SLICE);
    }
  }

  @Override
  public String pipelineNote() {
    return "the calling thread runs the loop, refilling to " + Pipeline.WINDOW;
  }

  @Override
  public void close() throws IOException {
    try {
      runUntil(channel.close());
      runUntil(loop.shutdownGracefully(0, 0, TimeUnit.SECONDS));
    } catch (TimeoutException e) {
      throw new IOException("cannot close the connection", e);
    }
  }
}
