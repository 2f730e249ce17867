package kaa.rpc.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an interface, or methods of an interface, as callable by the peer of a kaa-rpc channel.
 *
 * <p>On an interface, every abstract method of it, declared or inherited, is exposed under its own
 * Java name. On a method, that method is exposed under {@link #value()}, or under its own name when
 * {@code value()} is empty. An interface whose methods carry {@code @Expose} but which is not
 * annotated itself gets code too; then every abstract method of it must be exposed.
 *
 * <p>The annotation processor ({@code kaa-rpc-processor}) turns every such interface {@code p.Foo}
 * into a class {@code p.FooRpc} with a typed proxy, a typed asynchronous proxy and a dispatcher.
 * Default and static methods are never remote. A parameter of type {@code kaa.rpc.Channel} is not
 * sent: the dispatcher passes the channel the call came from.
 *
 * <p>Any non-blank string is a valid name, dotted names such as {@code "device.changed"} included,
 * except names starting with {@code "kaa."}, which the runtime keeps for itself.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Expose {
  /**
   * The name the peer calls this method by; empty (the default) means the method's Java name. On
   * an interface it must stay empty.
   */
  String value() default "";
}
