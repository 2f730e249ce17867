package kaa.rpc.benchmarks.sidebyside;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
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
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The bare-Netty floor: Netty 4.2 NIO on TCP, {@link FloorProtocol} frames, nothing else. The
 * server answers on its event loop and flushes once per read batch (its server also serves the
 * caller-driven floor, {@link CallerDrivenNettyClient}). The client writes from the calling thread
 * ({@code writeAndFlush}, so the write is handed to the client's event loop) and waits on a {@link
 * CompletableFuture} that the event loop completes.
 */
final class NettyContender {
  private NettyContender() {}

  static LengthFieldBasedFrameDecoder frameDecoder() {
    return new LengthFieldBasedFrameDecoder(FloorProtocol.MAX_FRAME, 0, 4, 0, 4);
  }

  static Contender.Served serve() throws Exception {
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    Channel listener =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    ch.pipeline().addLast(frameDecoder(), new Answerer());
                  }
                })
            .bind(Endpoints.anyLoopbackPort())
            .sync()
            .channel();
    String address = Endpoints.format(listener.localAddress());
    return new Contender.Served() {
      @Override
      public String address() {
        return address;
      }

      @Override
      public void close() {
        listener.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
      }
    };
  }

  /** Answers each request on the event loop; flushes once per read batch. */
  static final class Answerer extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ByteBuf in = (ByteBuf) msg;
      try {
        ctx.write(FloorProtocol.answer(ctx.alloc(), in), ctx.voidPromise());
      } finally {
        in.release();
      }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      ctx.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }

  /** A call in flight: what to send, and where its answer goes. */
  static final class Call extends CompletableFuture<Object> {
    final byte kind;
    final int a;
    final int b;
    final byte[] data;
    final Pipeline.Callback callback;

    Call(byte kind, int a, int b, byte[] data, Pipeline.Callback callback) {
      this.kind = kind;
      this.a = a;
      this.b = b;
      this.data = data;
      this.callback = callback;
    }

    /** Takes the answer frame (without its length prefix); on the event loop. */
    void answered(ByteBuf in) {
      byte answerKind = in.readByte();
      in.skipBytes(4); // id: answers come in order
      if (answerKind != kind) {
        fail(new IOException("answer of kind " + answerKind + " to a call of kind " + kind));
      } else if (kind == FloorProtocol.ADD) {
        int sum = in.readInt();
        if (callback != null) {
          callback.done(a, b, sum, null);
        } else {
          complete(sum);
        }
      } else {
        complete(ByteBufUtil.getBytes(in));
      }
    }

    void fail(Throwable error) {
      if (callback != null) {
        callback.done(a, b, 0, error);
      } else {
        completeExceptionally(error);
      }
    }
  }

  /** Encodes calls and matches answers to them, in order, on the event loop. */
  static final class Caller extends ChannelDuplexHandler {
    private final ArrayDeque<Call> waiting = new ArrayDeque<>();
    private int nextId;

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
      Call call = (Call) msg;
      waiting.add(call);
      ByteBuf out =
          call.kind == FloorProtocol.ADD
              ? FloorProtocol.addRequest(ctx.alloc(), nextId++, call.a, call.b)
              : FloorProtocol.echoRequest(ctx.alloc(), nextId++, call.data);
      ctx.write(out, promise);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ByteBuf in = (ByteBuf) msg;
      try {
        Call call = waiting.poll();
        if (call == null) {
          throw new IllegalStateException("an answer to no call");
        }
        call.answered(in);
      } finally {
        in.release();
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      Call call;
      while ((call = waiting.poll()) != null) {
        call.fail(new IOException("connection closed"));
      }
      ctx.fireChannelInactive();
    }
  }

  /** A bare Netty client on its own one-thread event loop group. */
  static final class NettyClient implements BenchClient {
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel channel;

    NettyClient(String address) throws InterruptedException {
      channel =
          new Bootstrap()
              .group(group)
              .channel(NioSocketChannel.class)
              .option(ChannelOption.TCP_NODELAY, true)
              .handler(
                  new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                      ch.pipeline().addLast(frameDecoder(), new Caller());
                    }
                  })
              .connect(Endpoints.parseTcp(address))
              .sync()
              .channel();
    }

    @Override
    public int add(int a, int b) throws Exception {
      Call call = new Call(FloorProtocol.ADD, a, b, null, null);
      channel.writeAndFlush(call, channel.voidPromise());
      return (Integer) call.get(30, TimeUnit.SECONDS);
    }

    @Override
    public byte[] echo(byte[] data) throws Exception {
      Call call = new Call(FloorProtocol.ECHO, 0, 0, data, null);
      channel.writeAndFlush(call, channel.voidPromise());
      return (byte[]) call.get(30, TimeUnit.SECONDS);
    }

    @Override
    public void pipelined(Pipeline pipeline) throws Exception {
      pipeline.windowed(
          (a, b, callback) ->
              channel.writeAndFlush(
                  new Call(FloorProtocol.ADD, a, b, null, callback), channel.voidPromise()));
    }

    @Override
    public String pipelineNote() {
      return "writeAndFlush per call on one connection";
    }

    @Override
    public void close() {
      channel.close().syncUninterruptibly();
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }
}
