package kaa.rpc.benchmarks;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import java.io.IOException;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The floor kaa-rpc is measured against: a bare Netty request/response on one connection, with
 * nothing but length-prefixed frames of the same sizes as kaa-rpc's {@code add(1, 2)} (an 18-byte
 * request, an 11-byte response), in the same JVM shape: one NIO event loop group of two threads
 * shared by server and client, the server answering on its I/O thread (like kaa-rpc's {@code
 * executor=direct}), the caller writing from its own thread and waiting on a {@link
 * CompletableFuture}. No authentication, serialization, call ids in a map, timeouts or dispatch.
 *
 * <pre>
 * request  (18 bytes): length u32 = 14 | kind u8 | id i32 | a i32 | b i32 | pad u8
 * response (11 bytes): length u32 = 7  | kind u8 | id i32 | a + b i16
 * </pre>
 *
 * Responses come back in request order on the one connection, so the client matches them to
 * requests with a FIFO queue touched only on its event loop.
 */
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dio.netty.leakDetection.level=simple"})
public class RawNettyBaseline {
  private static final int MAX_FRAME = 1 << 20;

  @Param({"tcp", "unix"})
  public String transport;

  private EventLoopGroup group;
  private SocketAddress requested;
  private Channel listener;
  private Channel client;
  private final Window window = new Window(PipelinedBenchmark.WINDOW);
  private final BiConsumer<Integer, Throwable> done =
      (sum, failure) -> window.release(failure == null && sum == 3);
  private int a = 1;
  private int b = 2;

  @Setup
  public void start() throws Exception {
    Transport t = Transport.of(transport);
    boolean tcp = t == Transport.TCP;
    group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    requested = t.newAddress();
    ServerBootstrap server =
        new ServerBootstrap()
            .group(group)
            .channelFactory(tcp ? NioServerSocketChannel::new : NioServerDomainSocketChannel::new)
            .childHandler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    if (tcp) {
                      ch.config().setOption(ChannelOption.TCP_NODELAY, true);
                    }
                    ch.pipeline().addLast(frameDecoder(), new AddServer());
                  }
                });
    listener = server.bind(requested).sync().channel();
    Bootstrap connector =
        new Bootstrap()
            .group(group)
            .channelFactory(tcp ? NioSocketChannel::new : NioDomainSocketChannel::new)
            .handler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    if (tcp) {
                      ch.config().setOption(ChannelOption.TCP_NODELAY, true);
                    }
                    ch.pipeline().addLast(frameDecoder(), new AddClient());
                  }
                });
    client = connector.connect(listener.localAddress()).sync().channel();
    if (roundTrip() != 3) {
      throw new AssertionError("1 + 2 is not 3");
    }
  }

  @TearDown(Level.Iteration)
  public void drain() {
    window.drain();
  }

  @TearDown
  public void stop() {
    client.close().syncUninterruptibly();
    listener.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    Transport.cleanUp(requested);
  }

  /** Like {@link RoundTripBenchmark}: send one request, wait for its response. */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public int roundTrip() throws Exception {
    Request request = new Request(a, b);
    client.writeAndFlush(request, client.voidPromise());
    return request.get(30, TimeUnit.SECONDS);
  }

  /** Like {@link PipelinedBenchmark}: up to {@value PipelinedBenchmark#WINDOW} in flight. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public void pipelined() {
    window.acquire();
    Request request = new Request(a, b);
    client.writeAndFlush(request, client.voidPromise());
    request.whenComplete(done);
  }

  private static LengthFieldBasedFrameDecoder frameDecoder() {
    return new LengthFieldBasedFrameDecoder(MAX_FRAME, 0, 4, 0, 4);
  }

  /** A request in flight: its arguments, and the future its response completes. */
  private static final class Request extends CompletableFuture<Integer> {
    final int a;
    final int b;

    Request(int a, int b) {
      this.a = a;
      this.b = b;
    }
  }

  /** Answers each request on the I/O thread; flushes once per read, as kaa-rpc's Connection does. */
  private static final class AddServer extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ByteBuf in = (ByteBuf) msg;
      int id;
      int sum;
      try {
        in.skipBytes(1);
        id = in.readInt();
        sum = in.readInt() + in.readInt();
      } finally {
        in.release();
      }
      ByteBuf out = ctx.alloc().ioBuffer(11);
      out.writeInt(7).writeByte(0x12).writeInt(id).writeShort(sum);
      ctx.write(out, ctx.voidPromise());
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      ctx.flush();
    }
  }

  /** Encodes requests and completes them with their responses, in order, on the I/O thread. */
  private static final class AddClient extends ChannelDuplexHandler {
    private final ArrayDeque<Request> waiting = new ArrayDeque<>();
    private int nextId;

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
      Request request = (Request) msg;
      waiting.add(request);
      ByteBuf out = ctx.alloc().ioBuffer(18);
      out.writeInt(14).writeByte(0x10).writeInt(nextId++).writeInt(request.a).writeInt(request.b);
      out.writeByte(0);
      ctx.write(out, promise);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ByteBuf in = (ByteBuf) msg;
      int sum;
      try {
        in.skipBytes(5);
        sum = in.readShort();
      } finally {
        in.release();
      }
      waiting.poll().complete(sum);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      Request request;
      while ((request = waiting.poll()) != null) {
        request.completeExceptionally(new IOException("connection closed"));
      }
      ctx.fireChannelInactive();
    }
  }
}
