/**
 * kaa-rpc's runtime: servers, clients and channels ({@code kaa.rpc}) and the contract its generated
 * code calls ({@code kaa.rpc.spi}). Everything under {@code kaa.rpc.internal} stays unexported.
 *
 * <p>A user's module needs {@code requires kaa.rpc;} and must export the packages that hold its
 * {@code @Expose} interfaces to this module ({@code exports com.acme.calc to kaa.rpc;}), so the
 * runtime can reach the generated {@code FooRpc} classes there; see the README, "In a named
 * module".
 */
// Kryo 5 has no module-info, only an Automatic-Module-Name in its manifest.
@SuppressWarnings("requires-automatic")
module kaa.rpc {
  requires transitive kaa.rpc.annotation;
  // Options takes a Netty SslContext (TLS): users see io.netty.handler types in its API.
  requires transitive io.netty.handler;
  requires io.netty.buffer;
  requires io.netty.codec;
  requires io.netty.common;
  requires io.netty.transport;
  // Kryo 5's automatic module name (from its manifest); Kryo uses java.sql at run time.
  requires com.esotericsoftware.kryo.kryo5;
  requires java.sql;
  requires org.slf4j;

  exports kaa.rpc;
  exports kaa.rpc.spi;
}
