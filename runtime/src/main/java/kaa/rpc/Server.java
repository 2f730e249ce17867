package kaa.rpc;

import java.net.SocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import kaa.rpc.internal.call.Endpoint;
import kaa.rpc.internal.endpoint.ServerRuntime;
import kaa.rpc.internal.transport.Addresses;

/**
 * Listens on a Unix domain socket or a TCP port and serves authenticated clients. Each client
 * gets a {@link Channel}, through which the server can call the client back.
 *
 * <pre>{@code
 * try (Server server = new Server("127.0.0.1:7700", secret)) {
 *   server.connect(new CalculatorImpl());               // every client may call it
 *   server.onClientConnected(ch -> ch.connect(new Session(ch)));   // per-client objects
 *   ...
 * }
 * }</pre>
 *
 * <p>Thread-safe. Exposed methods run on the executor of {@link Options} (by default a pool owned
 * by the server).
 */
public final class Server implements AutoCloseable {
  private final ServerRuntime runtime;

  /**
   * Listens on {@code address} (see {@link #Server(SocketAddress, byte[], Options)} for the
   * forms) with the UTF-8 bytes of {@code secret} and default options.
   */
  public Server(String address, String secret) {
    this(Addresses.parse(address), Endpoint.secret(secret), Options.defaults());
  }

  /** Listens on {@code address} with {@code secret} and default options. */
  public Server(String address, byte[] secret) {
    this(Addresses.parse(address), secret, Options.defaults());
  }

  /** Listens on {@code address} with the UTF-8 bytes of {@code secret} and {@code options}. */
  public Server(String address, String secret, Options options) {
    this(Addresses.parse(address), Endpoint.secret(secret), options);
  }

  /** Listens on {@code address} with {@code secret} and {@code options}. */
  public Server(String address, byte[] secret, Options options) {
    this(Addresses.parse(address), secret, options);
  }

  /** Listens on {@code address} with the UTF-8 bytes of {@code secret} and default options. */
  public Server(SocketAddress address, String secret) {
    this(address, Endpoint.secret(secret), Options.defaults());
  }

  /** Listens on {@code address} with the UTF-8 bytes of {@code secret} and {@code options}. */
  public Server(SocketAddress address, String secret, Options options) {
    this(address, Endpoint.secret(secret), options);
  }

  /**
   * Binds at once and starts accepting clients.
   *
   * <p>Address forms, as kaa.rpc reads them: {@code "host:port"} and {@code "[v6]:port"} are TCP
   * (port 0 picks a free port; see {@link #address()}); a string holding {@code /} is a Unix socket
   * path; a bare name is a Unix socket in {@code <java.io.tmpdir>/kaa-<user.name>/}. A stale
   * socket file (nobody listening) is replaced; a live one is "address in use".
   *
   * @param address an {@link java.net.InetSocketAddress} or {@link
   *     java.net.UnixDomainSocketAddress}
   * @param secret the shared secret; never sent over the wire; copied
   * @param options settings
   * @throws RpcException naming the address and the cause if it cannot listen
   * @throws IllegalArgumentException if the address is malformed or of an unsupported type, the
   *     secret is empty, or {@link Options#sslContext()} holds a client context
   */
  public Server(SocketAddress address, byte[] secret, Options options) {
    this.runtime =
        new ServerRuntime(
            address, Objects.requireNonNull(secret, "secret"), Objects.requireNonNull(options, "options"));
  }

  /** The bound address: for TCP port 0, the port actually chosen. */
  public SocketAddress address() {
    return runtime.address();
  }

  /**
   * Exposes {@code implementation} to every client, current and future: every {@code @Expose}
   * interface it implements, or the {@link kaa.rpc.spi.Dispatcher} it is. Functions exposed on a
   * client's own channel answer first.
   *
   * @throws IllegalStateException if a name it exposes is already exposed on the server, naming
   *     the function and both classes
   * @throws IllegalArgumentException if it implements no interface with generated code
   */
  public void connect(Object implementation) {
    runtime.endpoint().connect(implementation);
  }

  /** Withdraws {@code implementation} from every client; calls already running finish. */
  public void disconnect(Object implementation) {
    runtime.endpoint().disconnect(Objects.requireNonNull(implementation, "implementation"));
  }

  /**
   * Adds a listener that runs for each client after it authenticated, off the I/O threads, and
   * before its channel serves the client's first call: objects it connects on the channel answer
   * that call. The listener may call the client, even blocking. Add listeners right after
   * constructing the server: a client that authenticated before a listener was added is not
   * reported to it (see {@link #channels()}).
   */
  public void onClientConnected(Consumer<? super Channel> listener) {
    runtime.onClientConnected(Objects.requireNonNull(listener, "listener"));
  }

  /** The channels of the clients connected now. */
  public List<Channel> channels() {
    return runtime.channels();
  }

  /**
   * Stops accepting, closes every channel (their calls in flight fail with {@link
   * DisconnectedException}), removes the Unix socket file and releases threads. Idempotent.
   */
  @Override
  public void close() {
    runtime.close();
  }

  @Override
  public String toString() {
    return "Server[" + Addresses.describe(address()) + "]";
  }
}
