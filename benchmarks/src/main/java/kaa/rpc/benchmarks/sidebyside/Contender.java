package kaa.rpc.benchmarks.sidebyside;

/**
 * Everything the side-by-side harness compares: how to start each one's server (in the server
 * JVM) and connect its client (in the client JVM).
 */
enum Contender {
  SOCKET("socket", "blocking java.net.Socket (floor)"),
  NETTY("netty", "bare Netty frames (floor)"),
  NETTY_CALLER("netty-caller", "caller-driven Netty, ManualIoEventLoop (floor)"),
  RMI("rmi", "Java RMI"),
  KRYONET("kryonet", "KryoNet 2.22.0-RC1"),
  GRPC("grpc", "gRPC-java, defaults"),
  GRPC_DIRECT("grpc-direct", "gRPC-java, directExecutor"),
  KAA_TCP("kaa-tcp", "kaa-rpc, default Options, TCP"),
  KAA_TCP_DIRECT("kaa-tcp-direct", "kaa-rpc, executor(Runnable::run), TCP"),
  KAA_UNIX("kaa-unix", "kaa-rpc, default Options, Unix socket"),
  KAA_UNIX_DIRECT("kaa-unix-direct", "kaa-rpc, executor(Runnable::run), Unix socket"),
  KAA_TCP_CLASSIC(
      "kaa-tcp-classic",
      "kaa-rpc, default Options, TCP, classic event loops (before the fast path)",
      "-Dkaa.rpc.eventLoops=classic"),
  KAA_UNIX_CLASSIC(
      "kaa-unix-classic",
      "kaa-rpc, default Options, Unix socket, classic event loops (before the fast path)",
      "-Dkaa.rpc.eventLoops=classic");

  final String id;
  final String label;
  /** JVM options of both its JVMs. */
  final java.util.List<String> jvmFlags;

  Contender(String id, String label, String... jvmFlags) {
    this.id = id;
    this.label = label;
    this.jvmFlags = java.util.List.of(jvmFlags);
  }

  static Contender byId(String id) {
    for (Contender c : values()) {
      if (c.id.equals(id)) {
        return c;
      }
    }
    throw new IllegalArgumentException("no contender " + id);
  }

  /** A running server; {@link #address} is what its client needs to connect. */
  interface Served extends AutoCloseable {
    String address();

    /** Stops the server. */
    @Override
    void close() throws java.io.IOException;
  }

  /** Starts this contender's server in this JVM. */
  Served serve() throws Exception {
    switch (this) {
      case SOCKET:
        return SocketContender.serve();
      case NETTY:
      case NETTY_CALLER:
        return NettyContender.serve();
      case RMI:
        return RmiContender.serve();
      case KRYONET:
        return KryoNetContender.serve();
      case GRPC:
        return GrpcContender.serve(false);
      case GRPC_DIRECT:
        return GrpcContender.serve(true);
      case KAA_TCP:
      case KAA_TCP_CLASSIC:
        return KaaRpcContender.serve(false, false);
      case KAA_TCP_DIRECT:
        return KaaRpcContender.serve(false, true);
      case KAA_UNIX:
      case KAA_UNIX_CLASSIC:
        return KaaRpcContender.serve(true, false);
      case KAA_UNIX_DIRECT:
        return KaaRpcContender.serve(true, true);
      default:
        throw new AssertionError(this);
    }
  }

  /** Connects this contender's client to the server at {@code address}. */
  BenchClient connect(String address) throws Exception {
    switch (this) {
      case SOCKET:
        return new SocketContender.SocketClient(address);
      case NETTY:
        return new NettyContender.NettyClient(address);
      case NETTY_CALLER:
        return new CallerDrivenNettyClient(address);
      case RMI:
        return new RmiContender.RmiClient(address);
      case KRYONET:
        return new KryoNetContender.KryoNetClient(address);
      case GRPC:
        return new GrpcContender.GrpcClient(address, false);
      case GRPC_DIRECT:
        return new GrpcContender.GrpcClient(address, true);
      case KAA_TCP:
      case KAA_UNIX:
      case KAA_TCP_CLASSIC:
      case KAA_UNIX_CLASSIC:
        return new KaaRpcContender.KaaClient(address, false);
      case KAA_TCP_DIRECT:
      case KAA_UNIX_DIRECT:
        return new KaaRpcContender.KaaClient(address, true);
      default:
        throw new AssertionError(this);
    }
  }
}
