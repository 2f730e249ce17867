/**
 * kaa-rpc: typed, authenticated remote procedure calls between Java processes, over a Unix domain
 * socket or TCP.
 *
 * <h2>The pieces</h2>
 *
 * <ul>
 *   <li>{@link kaa.rpc.Server} listens and accepts clients; {@link kaa.rpc.Client} connects. Both
 *       take an address and a shared secret, and optionally {@link kaa.rpc.Options}.
 *   <li>A {@link kaa.rpc.Channel} is one end of an authenticated connection. Both ends are alike:
 *       each exposes objects with {@code connect(Object)} and calls the other's functions with
 *       {@code rpc}, {@code rpcNamed} or a typed proxy. A client is a channel; a server has one
 *       channel per client.
 *   <li>Interfaces marked {@link kaa.rpc.annotation.Expose @Expose} get a generated {@code FooRpc}
 *       class (annotation processor {@code kaa-rpc-processor}) with a blocking proxy, an async
 *       proxy and a dispatcher. {@code channel.proxy(Foo.class)} and {@code connect(impl)} find it.
 * </ul>
 *
 * <pre>{@code
 * try (Server server = new Server("127.0.0.1:7700", secret)) {
 *   server.connect(new CalculatorImpl());
 *   try (Client client = new Client("127.0.0.1:7700", secret)) {
 *     Calculator calc = client.proxy(Calculator.class);
 *     int three = calc.add(1, 2);                                // blocking, typed
 *     CalculatorRpc.async(client).add(1, 2).thenAccept(...);     // a future, typed
 *     Object r = client.rpc("add", 1, 2).get();                  // untyped, by name
 *   }
 * }
 * }</pre>
 *
 * <h2>Guarantees</h2>
 *
 * <ul>
 *   <li><b>Authentication.</b> Mutual HMAC-SHA256 challenge-response over fresh nonces from both
 *       ends; the secret never crosses the wire. Before it completes nothing is deserialized.
 *   <li><b>At most once.</b> A call is sent once and never retried. If the connection is lost,
 *       the calls in flight fail with {@link kaa.rpc.DisconnectedException}: they may or may not
 *       have run.
 *   <li><b>Isolation.</b> A failed call fails only its own future; a malformed frame closes only
 *       its own connection.
 *   <li><b>Exceptions.</b> An exception thrown by the remote function is thrown again at the
 *       caller as its own class when it is declared by the method, a JDK runtime exception or a
 *       kaa-rpc exception; otherwise as {@link kaa.rpc.RemoteException} with the remote class name,
 *       message and stack trace.
 *   <li><b>Serialization.</b> Kryo behind an allow-list: the types of exposed signatures (and
 *       their fields), common JDK value types and collections, and registered types. Any other
 *       class from a peer is refused with {@link kaa.rpc.SerializationException} and never loaded.
 * </ul>
 *
 * <h2>Threads</h2>
 *
 * <p>Every public method is thread-safe and none blocks, except the methods of a blocking proxy,
 * which wait up to the call timeout. Futures complete on kaa-rpc's I/O threads ({@code
 * kaa-rpc-io-N}): do not block in stages chained without {@code Async}. A blocking proxy call made
 * on an I/O thread throws {@link java.lang.IllegalStateException} at once instead of deadlocking.
 * Exposed methods run on {@link kaa.rpc.Options#executor()} (by default a pool, threads {@code
 * kaa-rpc-call-N}); listeners run off the I/O threads, in order per channel.
 *
 * <p>The wire protocol is documented in {@code docs/PROTOCOL.md}.
 */
package kaa.rpc;
