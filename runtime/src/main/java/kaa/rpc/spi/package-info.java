/**
 * The contract between kaa-rpc's runtime and the code its annotation processor generates.
 *
 * <p>Users do not call these types; generated {@code FooRpc} classes do. They are public only
 * because generated code lives in the user's packages. The contract is small on purpose, so the
 * generated code stays thin and all logic is in the runtime, tested once:
 *
 * <ul>
 *   <li>{@link kaa.rpc.spi.Dispatcher}: the server side of one interface. The runtime resolves a
 *       call's name and named arguments with {@link kaa.rpc.spi.FunctionInfo}, checks argument
 *       count and types, then calls {@link kaa.rpc.spi.Dispatcher#invoke} with an index and
 *       positional arguments; the generated code only casts and calls (an {@code int} switch).
 *   <li>{@link kaa.rpc.spi.RemoteMethod}: the one descriptor of each method, a constant of the
 *       generated class that the proxies, the dispatcher and introspection all use.
 *   <li>{@link kaa.rpc.spi.Calls}: what proxy methods call, with the method's descriptor and the
 *       proxy's {@link kaa.rpc.CallOptions} (its per-call timeout).
 *   <li>{@link kaa.rpc.spi.TypeRegistry}: the serializer allow-list, filled by the static
 *       initializer of every generated class.
 *   <li>{@link kaa.rpc.spi.GeneratedRpc}: the marker on generated classes.
 * </ul>
 *
 * <p>The shape of a generated {@code FooRpc}, after grpc-java's {@code FooGrpc}: a public {@code
 * SERVICE_NAME}; one private {@code METHOD_ID_*} constant per method, which is that method's index
 * in {@link kaa.rpc.spi.Dispatcher#functions()} and the {@code case} of the dispatcher's {@code
 * int} switch ({@code default: throw new AssertionError()}); one {@link kaa.rpc.spi.RemoteMethod}
 * per method; {@code proxy(Channel)}, {@code proxy(Channel, CallOptions)}, {@code async(Channel)},
 * {@code async(Channel, CallOptions)} (whose {@code Async} has {@code withTimeout(Duration)}) and
 * {@code dispatcher(Foo)}.
 *
 * <p>How the runtime finds generated code: for interface {@code p.Outer.Foo} it loads {@code
 * p.Outer_FooRpc} (once per interface, with the interface's class loader) and uses its public
 * static methods {@code proxy(Channel)} and {@code dispatcher(Foo)}.
 */
package kaa.rpc.spi;
