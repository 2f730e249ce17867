package kaa.rpc.benchmarks.sidebyside;

import io.grpc.CallOptions;
import io.grpc.KnownLength;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * gRPC-java over its shaded Netty, plaintext HTTP/2 on loopback, without protoc: the two unary
 * methods are declared by hand with a byte-array marshaller (add: 8 bytes in, 4 out; echo: the
 * bytes). "direct" sets {@code directExecutor()} on server and channel; otherwise both use
 * gRPC's default executors. Blocking calls use {@code ClientCalls.blockingUnaryCall}, W2 uses
 * {@code ClientCalls.asyncUnaryCall} on the one channel (one HTTP/2 connection).
 */
final class GrpcContender {
  private static final String SERVICE = "kaa.bench.Bench";

  /** Byte arrays as they are, with a known length so gRPC need not copy them to measure. */
  private static final MethodDescriptor.Marshaller<byte[]> BYTES =
      new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
          return new KnownLengthBytes(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
          try {
            return stream.readAllBytes();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      };

  private static final MethodDescriptor<byte[], byte[]> ADD = method("Add");
  private static final MethodDescriptor<byte[], byte[]> ECHO = method("Echo");

  private GrpcContender() {}

  private static MethodDescriptor<byte[], byte[]> method(String name) {
    return MethodDescriptor.<byte[], byte[]>newBuilder()
        .setType(MethodType.UNARY)
        .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, name))
        .setRequestMarshaller(BYTES)
        .setResponseMarshaller(BYTES)
        .build();
  }

  private static final class KnownLengthBytes extends ByteArrayInputStream implements KnownLength {
    KnownLengthBytes(byte[] bytes) {
      super(bytes);
    }
  }

  static Contender.Served serve(boolean direct) throws Exception {
    ServerServiceDefinition service =
        ServerServiceDefinition.builder(SERVICE)
            .addMethod(
                ADD,
                ServerCalls.asyncUnaryCall(
                    (byte[] request, StreamObserver<byte[]> response) -> {
                      ByteBuffer in = ByteBuffer.wrap(request);
                      response.onNext(ByteBuffer.allocate(4).putInt(in.getInt() + in.getInt()).array());
                      response.onCompleted();
                    }))
            .addMethod(
                ECHO,
                ServerCalls.asyncUnaryCall(
                    (byte[] request, StreamObserver<byte[]> response) -> {
                      response.onNext(request);
                      response.onCompleted();
                    }))
            .build();
    NettyServerBuilder builder = NettyServerBuilder.forAddress(Endpoints.anyLoopbackPort());
    if (direct) {
      builder.directExecutor();
    }
    io.grpc.Server server = builder.addService(service).build().start();
    InetSocketAddress bound = (InetSocketAddress) server.getListenSockets().get(0);
    String address = Endpoints.format(bound);
    return new Contender.Served() {
      @Override
      public String address() {
        return address;
      }

      @Override
      public void close() {
        try {
          server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
  }

  private static byte[] addRequest(int a, int b) {
    return ByteBuffer.allocate(8).putInt(a).putInt(b).array();
  }

  private static int sum(byte[] response) {
    if (response.length != 4) {
      throw new IllegalStateException("add response of " + response.length + " bytes");
    }
    return ByteBuffer.wrap(response).getInt();
  }

  /** A gRPC channel (one HTTP/2 connection) to the server. */
  static final class GrpcClient implements BenchClient {
    private final ManagedChannel channel;

    GrpcClient(String address, boolean direct) {
      NettyChannelBuilder builder = NettyChannelBuilder.forAddress(Endpoints.parseTcp(address)).usePlaintext();
      if (direct) {
        builder.directExecutor();
      }
      channel = builder.build();
    }

    @Override
    public int add(int a, int b) {
      return sum(ClientCalls.blockingUnaryCall(channel, ADD, CallOptions.DEFAULT, addRequest(a, b)));
    }

    @Override
    public byte[] echo(byte[] data) {
      return ClientCalls.blockingUnaryCall(channel, ECHO, CallOptions.DEFAULT, data);
    }

    @Override
    public void pipelined(Pipeline pipeline) throws Exception {
      pipeline.windowed(
          (a, b, callback) ->
              ClientCalls.asyncUnaryCall(
                  channel.newCall(ADD, CallOptions.DEFAULT),
                  addRequest(a, b),
                  new StreamObserver<byte[]>() {
                    private int sum;
                    private boolean got;

                    @Override
                    public void onNext(byte[] value) {
                      sum = sum(value);
                      got = true;
                    }

                    @Override
                    public void onError(Throwable t) {
                      callback.done(a, b, 0, t);
                    }

                    @Override
                    public void onCompleted() {
                      callback.done(
                          a, b, sum, got ? null : new IllegalStateException("no response"));
                    }
                  }));
    }

    @Override
    public String pipelineNote() {
      return "asyncUnaryCall on one channel";
    }

    @Override
    public void close() {
      try {
        channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
