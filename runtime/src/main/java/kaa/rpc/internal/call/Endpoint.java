package kaa.rpc.internal.call;

import io.netty.channel.EventLoopGroup;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import kaa.rpc.Options;
import kaa.rpc.internal.codec.Messages;
import kaa.rpc.internal.serial.AllowList;
import kaa.rpc.internal.serial.Serialization;
import kaa.rpc.internal.transport.EventLoops;

/**
 * What the channels of one server or client share: options, secret, serializer, executors, I/O
 * threads and (for a server) the functions exposed to every client.
 */
public final class Endpoint {
  final Options options;
  final byte[] secret;
  final Messages messages;
  final Executor executor;
  /** True if exposed methods run on the loop's leader where they arrive (the default). */
  final boolean runOnLeader;
  final FunctionTable functions = new FunctionTable();
  private final CallPool ownedExecutor;
  private final ExecutorService events;
  private final EventLoopGroup group;
  private final EventLoopGroup clients;
  private final java.util.concurrent.atomic.AtomicBoolean shut =
      new java.util.concurrent.atomic.AtomicBoolean();

  /** An endpoint with {@code options} and {@code secret}; takes a reference to the I/O threads. */
  public Endpoint(Options options, byte[] secret) {
    this.options = Objects.requireNonNull(options, "options");
    Objects.requireNonNull(secret, "secret");
    if (secret.length == 0) {
      throw new IllegalArgumentException("secret must not be empty");
    }
    this.secret = secret.clone();
    this.messages =
        new Messages(new Serialization(AllowList.forEndpoint(options.registeredTypes())));
    this.group = EventLoops.acquire();
    this.clients = EventLoops.clientsOf(group);
    this.runOnLeader = options.executor() == null && EventLoops.LEAD;
    if (options.executor() != null) {
      this.executor = options.executor();
      this.ownedExecutor = null;
    } else {
      this.ownedExecutor = CallPool.acquire(group.next());
      this.executor = ownedExecutor;
    }
    this.events = cachedPool("kaa-rpc-event");
  }

  /** The secret of a string, as kaa.rpc reads it: its UTF-8 bytes. */
  public static byte[] secret(String secret) {
    return Objects.requireNonNull(secret, "secret").getBytes(StandardCharsets.UTF_8);
  }

  private static ExecutorService cachedPool(String prefix) {
    return new ThreadPoolExecutor(
        0,
        Integer.MAX_VALUE,
        60,
        TimeUnit.SECONDS,
        new SynchronousQueue<>(),
        EventLoops.named(prefix));
  }

  /** The options. */
  public Options options() {
    return options;
  }

  /** The secret (not a copy: do not change it). */
  public byte[] secretBytes() {
    return secret;
  }

  /** The I/O threads of servers. */
  public EventLoopGroup group() {
    return group;
  }

  /** The I/O threads of clients. */
  public EventLoopGroup clientGroup() {
    return clients;
  }

  /** Exposes {@code implementation} to every channel of this endpoint. */
  public void connect(Object implementation) {
    functions.add(implementation);
  }

  /** Withdraws {@code implementation}. */
  public void disconnect(Object implementation) {
    functions.remove(implementation);
  }

  /** Runs listener work off the I/O threads. */
  public Executor events() {
    return events;
  }

  /** Stops the executors this endpoint owns and gives back the I/O threads. Idempotent. */
  public void shutdown() {
    if (!shut.compareAndSet(false, true)) {
      return;
    }
    if (ownedExecutor != null) {
      CallPool.release(ownedExecutor);
    }
    events.shutdown();
    EventLoops.release(group);
  }
}
