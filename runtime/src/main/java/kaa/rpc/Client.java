package kaa.rpc;

import java.net.SocketAddress;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import kaa.rpc.internal.call.ChannelCore;
import kaa.rpc.internal.call.Endpoint;
import kaa.rpc.internal.endpoint.ClientConnector;
import kaa.rpc.internal.transport.Addresses;
import kaa.rpc.spi.RemoteMethod;

/**
 * The client end of a connection; a {@link Channel} to the server.
 *
 * <p>The constructor returns at once and connects and authenticates in the background; calls
 * made before that are queued and sent once authenticated (they still time out). {@link
 * #connected()} tells when it is done. With {@link Options.Builder#reconnectInterval} the client
 * reconnects after every loss, keeping its exposed objects and listeners, until {@link #close()}.
 *
 * <pre>{@code
 * try (Client client = new Client("127.0.0.1:7700", secret)) {
 *   Calculator calc = client.proxy(Calculator.class);
 *   int three = calc.add(1, 2);
 * }
 * }</pre>
 *
 * <p>Thread-safe. Always close a client: it holds threads and a connection.
 */
public final class Client implements Channel {
  private final ClientConnector connector;
  private final ChannelCore core;

  /** Connects to {@code address} with the UTF-8 bytes of {@code secret} and default options. */
  public Client(String address, String secret) {
    this(Addresses.parse(address), Endpoint.secret(secret), Options.defaults());
  }

  /** Connects to {@code address} with {@code secret} and default options. */
  public Client(String address, byte[] secret) {
    this(Addresses.parse(address), secret, Options.defaults());
  }

  /** Connects to {@code address} with the UTF-8 bytes of {@code secret} and {@code options}. */
  public Client(String address, String secret, Options options) {
    this(Addresses.parse(address), Endpoint.secret(secret), options);
  }

  /** Connects to {@code address} with {@code secret} and {@code options}. */
  public Client(String address, byte[] secret, Options options) {
    this(Addresses.parse(address), secret, options);
  }

  /** Connects to {@code address} with the UTF-8 bytes of {@code secret} and default options. */
  public Client(SocketAddress address, String secret) {
    this(address, Endpoint.secret(secret), Options.defaults());
  }

  /** Connects to {@code address} with the UTF-8 bytes of {@code secret} and {@code options}. */
  public Client(SocketAddress address, String secret, Options options) {
    this(address, Endpoint.secret(secret), options);
  }

  /**
   * Starts connecting to {@code address} and returns at once. Address forms are those of {@link
   * Server#Server(SocketAddress, byte[], Options)}.
   *
   * @throws IllegalArgumentException if the address is malformed or of an unsupported type, the
   *     secret is empty, or {@link Options#sslContext()} holds a server context
   */
  public Client(SocketAddress address, byte[] secret, Options options) {
    this.connector =
        new ClientConnector(
            address, Objects.requireNonNull(secret, "secret"), Objects.requireNonNull(options, "options"));
    this.core = connector.core().channel();
    connector.core().identity(this);
  }

  /**
   * A future that completes when the client has authenticated for the first time, or fails with
   * the reason it never will: {@link AuthenticationException} for a wrong secret, {@link
   * DisconnectedException} if the server cannot be reached (and the client does not reconnect) or
   * the client was closed, {@link ProtocolException} for a peer that speaks another protocol.
   */
  public CompletableFuture<Void> connected() {
    return connector.connected();
  }

  @Override
  public CompletableFuture<Object> rpc(String name, Object... args) {
    return core.rpc(name, args);
  }

  @Override
  public CompletableFuture<Object> rpcNamed(String name, Map<String, ?> args) {
    return core.rpcNamed(name, args);
  }

  @Override
  public CompletableFuture<Object> rpc(RemoteMethod method, CallOptions options, Object[] args) {
    return core.rpc(method, options, args);
  }

  @Override
  public <T> T proxy(Class<T> type) {
    return core.proxy(type);
  }

  @Override
  public void connect(Object implementation) {
    core.connect(implementation);
  }

  @Override
  public void disconnect(Object implementation) {
    core.disconnect(implementation);
  }

  @Override
  public void onConnected(Consumer<? super Channel> listener) {
    core.onConnected(listener);
  }

  @Override
  public void onDisconnected(BiConsumer<? super Channel, ? super RpcException> listener) {
    core.onDisconnected(listener);
  }

  @Override
  public Status status() {
    return core.status();
  }

  @Override
  public SocketAddress remoteAddress() {
    return core.remoteAddress();
  }

  /**
   * Closes the connection for good, stops reconnecting and releases threads. Calls in flight and
   * queued fail with {@link DisconnectedException}. Idempotent; does not block.
   */
  @Override
  public void close() {
    core.close();
  }

  @Override
  public String toString() {
    return "Client[" + core + "]";
  }
}
