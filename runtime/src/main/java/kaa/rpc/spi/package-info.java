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
 *   <li>{@link kaa.rpc.spi.Calls}: what proxy methods call, with a {@link
 *       kaa.rpc.spi.RemoteMethod} constant that describes the method once.
 *   <li>{@link kaa.rpc.spi.TypeRegistry}: the serializer allow-list, filled by the static
 *       initializer of every generated class.
 *   <li>{@link kaa.rpc.spi.GeneratedRpc}: the marker on generated classes.
 * </ul>
 *
 * <p>How the runtime finds generated code: for interface {@code p.Outer.Foo} it loads {@code
 * p.Outer_FooRpc} (once per interface, with the interface's class loader) and uses its public
 * static methods {@code proxy(Channel)} and {@code dispatcher(Foo)}.
 */
package kaa.rpc.spi;
