package kaa.rpc;

import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import kaa.rpc.spi.RemoteMethod;

/**
 * One end of an authenticated kaa-rpc connection. Both ends are alike: each can call the functions
 * the other exposed and expose functions of its own. A {@link Client} is a channel; a {@link
 * Server} has one channel per connected client.
 *
 * <p>Every method is thread-safe. Methods that return a future never block; the future completes
 * on an I/O thread, so dependent stages added with the non-{@code Async} methods of {@link
 * CompletableFuture} run there and must not block (use {@code thenApplyAsync} and friends to run
 * blocking work elsewhere).
 */
public interface Channel extends AutoCloseable {

  /** The life cycle of a channel. */
  enum Status {
    /** Connecting or authenticating; calls made now are queued until authenticated. */
    CONNECTING,
    /** Authenticated; calls are sent at once. */
    CONNECTED,
    /** Closed, lost, or failed to connect. A reconnecting client goes back to CONNECTING. */
    DISCONNECTED
  }

  /**
   * Calls the peer's function exposed as {@code name} with positional arguments.
   *
   * <p>The future completes with the result (null for a {@code void} function) or fails with an
   * {@link RpcException}: {@link NoSuchFunctionException}, {@link ArgumentMismatchException},
   * {@link SerializationException}, {@link RpcTimeoutException}, {@link DisconnectedException},
   * {@link RemoteException}; or with the exception the peer's function threw, when it is a JDK
   * runtime exception. Cancelling the future tells the peer to cancel the call. A call over the
   * in-flight limit fails at once.
   *
   * @throws NullPointerException if {@code name} or {@code args} is null
   */
  CompletableFuture<Object> rpc(String name, Object... args);

  /**
   * Calls the peer's function exposed as {@code name}, passing arguments by parameter name (the
   * names in the peer's source). Otherwise like {@link #rpc}.
   *
   * @throws NullPointerException if {@code name} or {@code args} is null
   */
  CompletableFuture<Object> rpcNamed(String name, Map<String, ?> args);

  /**
   * Calls the peer's function described by {@code method}, a generated proxy's descriptor, with
   * {@code options} (its timeout, or else the channel's call timeout). This is what generated
   * proxies do through {@link kaa.rpc.spi.Calls}; applications use the proxies. The future
   * completes with a result of {@link RemoteMethod#resultType()} or fails as for {@link #rpc}, a
   * declared exception arriving as its own class.
   *
   * <p>The default implementation throws: only kaa-rpc's own channels can send calls.
   *
   * @throws IllegalArgumentException if this is not a kaa-rpc channel
   * @throws NullPointerException if an argument is null
   */
  default CompletableFuture<Object> rpc(RemoteMethod method, CallOptions options, Object[] args) {
    throw new IllegalArgumentException("not a kaa-rpc channel: " + getClass().getName());
  }

  /**
   * Returns a blocking typed proxy for the {@code @Expose} interface {@code type}, the same as
   * {@code TypeRpc.proxy(this)}. A method of the proxy sends the call and waits for its result
   * (up to the call timeout); methods returning {@code CompletionStage} or {@code
   * CompletableFuture} do not wait. A blocking method called on an I/O thread throws {@link
   * IllegalStateException} at once instead of deadlocking.
   *
   * @throws IllegalArgumentException if {@code type} is not an interface with generated code
   *     (is kaa-rpc-processor on the annotation processor path?)
   */
  <T> T proxy(Class<T> type);

  /**
   * Exposes {@code implementation} to this peer only: every {@code @Expose} interface it
   * implements (or the {@link kaa.rpc.spi.Dispatcher} it is). Functions exposed on a channel
   * answer before functions of the same name exposed on the server.
   *
   * @throws IllegalStateException if one of its names is already exposed on this channel
   * @throws IllegalArgumentException if it implements no interface with generated code
   */
  void connect(Object implementation);

  /** Withdraws an object exposed by {@link #connect}; calls already running finish. */
  void disconnect(Object implementation);

  /**
   * Adds a listener that runs, off the I/O threads, each time this channel becomes authenticated.
   * If the channel is already connected it also runs once now (asynchronously).
   */
  void onConnected(Consumer<? super Channel> listener);

  /**
   * Adds a listener that runs, off the I/O threads, each time this channel loses its connection,
   * with the reason (a {@link DisconnectedException}, {@link AuthenticationException} or {@link
   * ProtocolException}). A listener added after the channel closed for good runs at once
   * (asynchronously).
   */
  void onDisconnected(BiConsumer<? super Channel, ? super RpcException> listener);

  /** The current status; see {@link Status}. */
  Status status();

  /** True if {@link #status()} is {@link Status#CONNECTED}. */
  default boolean isConnected() {
    return status() == Status.CONNECTED;
  }

  /**
   * The peer's address: for a client, the server's address; for a server's channel, the client's
   * (for a Unix socket, the server's socket path, since clients are unnamed).
   */
  SocketAddress remoteAddress();

  /**
   * Closes the connection for good. Calls in flight fail with {@link DisconnectedException}.
   * Idempotent; does not block.
   */
  @Override
  void close();
}
