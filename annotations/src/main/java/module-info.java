/**
 * kaa-rpc's annotations: {@link kaa.rpc.annotation.Expose}, all a user needs at compile time. The
 * runtime module {@code kaa.rpc} requires this one transitively, so {@code requires kaa.rpc;} is
 * enough.
 */
module kaa.rpc.annotation {
  exports kaa.rpc.annotation;
}
