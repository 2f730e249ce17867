package kaa.rpc;

import io.netty.handler.ssl.SslContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Settings of a {@link Server} or {@link Client}. Immutable and thread-safe; made with {@link
 * #builder()}, or {@link #defaults()}.
 */
public final class Options {
  /** Default {@link Builder#callTimeout}: 30 seconds. */
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(30);
  /** Default {@link Builder#handshakeTimeout}: 10 seconds. */
  public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
  /** Default {@link Builder#maxFrameBytes}: 16 MiB. */
  public static final int DEFAULT_MAX_FRAME_BYTES = 16 * 1024 * 1024;
  /** Default {@link Builder#maxCallsInFlight}: 65,536. */
  public static final int DEFAULT_MAX_CALLS_IN_FLIGHT = 65_536;
  /** Default {@link Builder#maxInboundCalls}: 1,024. */
  public static final int DEFAULT_MAX_INBOUND_CALLS = 1024;
  /** Default {@link Builder#maxBufferedReplyBytes}: 16 MiB. */
  public static final long DEFAULT_MAX_BUFFERED_REPLY_BYTES = 16L * 1024 * 1024;
  /** Default {@link Builder#keepAliveInterval}: 30 seconds. */
  public static final Duration DEFAULT_KEEP_ALIVE_INTERVAL = Duration.ofSeconds(30);
  /** Default {@link Builder#keepAliveTimeout}: 10 seconds. */
  public static final Duration DEFAULT_KEEP_ALIVE_TIMEOUT = Duration.ofSeconds(10);
  /** The smallest allowed {@link Builder#maxFrameBytes}: 1 KiB. */
  public static final int MIN_MAX_FRAME_BYTES = 1024;

  private static final Options DEFAULTS = builder().build();

  private final Duration callTimeout;
  private final Duration handshakeTimeout;
  private final int maxFrameBytes;
  private final int maxCallsInFlight;
  private final Executor executor;
  private final List<Class<?>> registeredTypes;
  private final Duration reconnectInterval;
  private final int maxInboundCalls;
  private final long maxBufferedReplyBytes;
  private final Duration keepAliveInterval;
  private final Duration keepAliveTimeout;
  private final SslContext sslContext;

  private Options(Builder b) {
    this.callTimeout = b.callTimeout;
    this.handshakeTimeout = b.handshakeTimeout;
    this.maxFrameBytes = b.maxFrameBytes;
    this.maxCallsInFlight = b.maxCallsInFlight;
    this.executor = b.executor;
    this.registeredTypes = List.copyOf(b.registeredTypes);
    this.reconnectInterval = b.reconnectInterval;
    this.maxInboundCalls = b.maxInboundCalls;
    this.maxBufferedReplyBytes = b.maxBufferedReplyBytes;
    this.keepAliveInterval = b.keepAliveInterval;
    this.keepAliveTimeout = b.keepAliveTimeout;
    this.sslContext = b.sslContext;
  }

  /** The default options. */
  public static Options defaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these options. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.callTimeout = callTimeout;
    b.handshakeTimeout = handshakeTimeout;
    b.maxFrameBytes = maxFrameBytes;
    b.maxCallsInFlight = maxCallsInFlight;
    b.executor = executor;
    b.registeredTypes.addAll(registeredTypes);
    b.reconnectInterval = reconnectInterval;
    b.maxInboundCalls = maxInboundCalls;
    b.maxBufferedReplyBytes = maxBufferedReplyBytes;
    b.keepAliveInterval = keepAliveInterval;
    b.keepAliveTimeout = keepAliveTimeout;
    b.sslContext = sslContext;
    return b;
  }

  /** How long a call may take before its future fails with {@link RpcTimeoutException}. */
  public Duration callTimeout() {
    return callTimeout;
  }

  /** How long connecting and authenticating may take. */
  public Duration handshakeTimeout() {
    return handshakeTimeout;
  }

  /** The largest frame this end accepts, announced to the peer in the handshake. */
  public int maxFrameBytes() {
    return maxFrameBytes;
  }

  /** The most outgoing calls one channel may have in flight (queued calls count). */
  public int maxCallsInFlight() {
    return maxCallsInFlight;
  }

  /**
   * The executor that runs exposed methods, or null for the default: each method runs on the
   * I/O thread that read its call, with no hand-off, and may still block: a method that blocks or
   * runs for more than about a millisecond (or makes a blocking call) has its I/O handed to
   * another thread, so the connections it shared a thread with never wait longer than that.
   */
  public Executor executor() {
    return executor;
  }

  /** Extra types allowed through the serializer, besides those of exposed signatures. */
  public List<Class<?>> registeredTypes() {
    return registeredTypes;
  }

  /** A client's reconnect interval, or null if it does not reconnect (the default). */
  public Duration reconnectInterval() {
    return reconnectInterval;
  }

  /**
   * The most calls one connection may have read but not yet answered (running, or waiting to
   * run). At the limit the connection stops reading until a call is answered; this also bounds
   * the threads one peer can keep busy.
   */
  public int maxInboundCalls() {
    return maxInboundCalls;
  }

  /** The reply bytes one connection may have waiting: see {@link Builder#maxBufferedReplyBytes}. */
  public long maxBufferedReplyBytes() {
    return maxBufferedReplyBytes;
  }

  /**
   * How long a connection may be silent before this end sends a keep-alive ping; {@link
   * Duration#ZERO} if keep-alive is off.
   */
  public Duration keepAliveInterval() {
    return keepAliveInterval;
  }

  /** How long after a ping with nothing received the connection is closed as dead. */
  public Duration keepAliveTimeout() {
    return keepAliveTimeout;
  }

  /**
   * The TLS context connections are wrapped in, or null for none (the default): see {@link
   * Builder#sslContext}.
   */
  public SslContext sslContext() {
    return sslContext;
  }

  @Override
  public String toString() {
    return String.format( // %s throughout: numbers print the same in every locale
        "Options{callTimeout=%s, handshakeTimeout=%s, maxFrameBytes=%s, maxCallsInFlight=%s,"
            + " executor=%s, registeredTypes=%s, reconnectInterval=%s, maxInboundCalls=%s,"
            + " maxBufferedReplyBytes=%s, keepAliveInterval=%s, keepAliveTimeout=%s, tls=%s}",
        callTimeout,
        handshakeTimeout,
        maxFrameBytes,
        maxCallsInFlight,
        executor == null ? "default" : executor,
        registeredTypes,
        reconnectInterval,
        maxInboundCalls,
        maxBufferedReplyBytes,
        keepAliveInterval,
        keepAliveTimeout,
        sslContext == null ? "off" : sslContext.isClient() ? "client" : "server");
  }

  /** Builds {@link Options}. Not thread-safe. */
  public static final class Builder {
    private Duration callTimeout = DEFAULT_CALL_TIMEOUT;
    private Duration handshakeTimeout = DEFAULT_HANDSHAKE_TIMEOUT;
    private int maxFrameBytes = DEFAULT_MAX_FRAME_BYTES;
    private int maxCallsInFlight = DEFAULT_MAX_CALLS_IN_FLIGHT;
    private Executor executor;
    private final List<Class<?>> registeredTypes = new ArrayList<>();
    private Duration reconnectInterval;
    private int maxInboundCalls = DEFAULT_MAX_INBOUND_CALLS;
    private long maxBufferedReplyBytes = DEFAULT_MAX_BUFFERED_REPLY_BYTES;
    private Duration keepAliveInterval = DEFAULT_KEEP_ALIVE_INTERVAL;
    private Duration keepAliveTimeout = DEFAULT_KEEP_ALIVE_TIMEOUT;
    private SslContext sslContext;

    private Builder() {}

    /**
     * Sets how long a call may take, from the moment it is made, before it fails with {@link
     * RpcTimeoutException}. Must be positive and short enough to count in nanoseconds (about 292
     * years), else an {@link IllegalArgumentException}.
     */
    public Builder callTimeout(Duration timeout) {
      this.callTimeout = OptionChecks.positive(timeout, "callTimeout");
      return this;
    }

    /**
     * Sets how long connecting and authenticating may take. Must be positive and short enough to
     * count in nanoseconds, as {@link #callTimeout}.
     */
    public Builder handshakeTimeout(Duration timeout) {
      this.handshakeTimeout = OptionChecks.positive(timeout, "handshakeTimeout");
      return this;
    }

    /** Sets the largest frame this end accepts; at least {@value #MIN_MAX_FRAME_BYTES}. */
    public Builder maxFrameBytes(int bytes) {
      this.maxFrameBytes = OptionChecks.atLeast(bytes, MIN_MAX_FRAME_BYTES, "maxFrameBytes");
      return this;
    }

    /** Sets the most outgoing calls one channel may have in flight; at least 1. */
    public Builder maxCallsInFlight(int calls) {
      this.maxCallsInFlight = OptionChecks.atLeast(calls, 1, "maxCallsInFlight");
      return this;
    }

    /**
     * Sets the executor that runs exposed methods. A direct executor ({@code Runnable::run}) runs
     * them inside the I/O thread's read, for methods that never block (a blocking call made there
     * fails at once). Null restores the default (see {@link Options#executor()}), which lets
     * methods block.
     */
    public Builder executor(Executor executor) {
      this.executor = executor;
      return this;
    }

    /**
     * Allows {@code types} through the serializer, for values whose class no exposed signature
     * names; both ends must register a class that crosses the wire. Allowing a class allows,
     * transitively, the types of its fields, record components and permitted subclasses. Any
     * class may be registered: a class of yours is written field by field (a record by its
     * components); a JDK class kaa-rpc already writes (the collections and value types listed in
     * the README) needs no registration; any other JDK class is written with Java serialization,
     * whose stream may name only that class, its superclasses, its nested classes and other
     * allowed classes.
     *
     * @throws IllegalArgumentException if a type is a JDK class that can never be written: one
     *     that is neither covered by kaa-rpc nor {@link java.io.Serializable} and concrete (a
     *     {@code Thread}, say)
     */
    public Builder registerTypes(Class<?>... types) {
      for (Class<?> type : types) {
        kaa.rpc.internal.serial.AllowList.checkRegistrable(Objects.requireNonNull(type, "type"));
        registeredTypes.add(type);
      }
      return this;
    }

    /**
     * Makes a client reconnect every {@code interval} after its connection is lost or cannot be
     * opened, until {@link Client#close()}. Null (the default) turns reconnecting off. Must be
     * positive and short enough to count in nanoseconds, as {@link #callTimeout}.
     */
    public Builder reconnectInterval(Duration interval) {
      this.reconnectInterval =
          interval == null ? null : OptionChecks.positive(interval, "reconnectInterval");
      return this;
    }

    /**
     * Sets the most calls one connection may have read but not yet answered; at least 1. At the
     * limit the connection stops reading (results of this end's own calls wait too) until one
     * of them is answered.
     */
    public Builder maxInboundCalls(int calls) {
      this.maxInboundCalls = OptionChecks.atLeast(calls, 1, "maxInboundCalls");
      return this;
    }

    /**
     * Sets how many bytes of replies one connection may have waiting to be written (in this end's
     * buffers; the operating system's socket buffer comes on top) before further results are
     * held; at least 1. It bounds a server's replies and a client's (to the server's calls) alike.
     * A held result is not encoded: the value the method returned is kept, its call still counting
     * against {@link #maxInboundCalls} (so at most that many are held), and held results are
     * encoded and sent in order as the peer reads: a slow reader gets every result, never an
     * error. One reply may always go when nothing waits, so a larger result still goes out alone
     * (1 sends replies one at a time). Error replies are small and never held. A held result whose
     * call the caller cancels is dropped; when the connection closes, held results are dropped
     * unsent (the caller's calls fail with the lost connection).
     */
    public Builder maxBufferedReplyBytes(long bytes) {
      this.maxBufferedReplyBytes = OptionChecks.atLeast(bytes, 1, "maxBufferedReplyBytes");
      return this;
    }

    /**
     * Sets how long a connection may receive nothing before this end sends a keep-alive ping.
     * {@link Duration#ZERO} turns keep-alive off; otherwise at least 1 ms.
     */
    public Builder keepAliveInterval(Duration interval) {
      this.keepAliveInterval = OptionChecks.zeroOrAtLeastOneMilli(interval, "keepAliveInterval");
      return this;
    }

    /**
     * Sets how long after a keep-alive ping, with nothing received, the connection is closed
     * with {@link DisconnectedException}. Must be positive.
     */
    public Builder keepAliveTimeout(Duration timeout) {
      this.keepAliveTimeout = OptionChecks.positive(timeout, "keepAliveTimeout");
      return this;
    }

    /**
     * Wraps every connection in TLS made by {@code context}, or turns TLS off with null (the
     * default). A {@link Server} takes a server context ({@code
     * SslContextBuilder.forServer(key, certificates).build()}), a {@link Client} a client context
     * ({@code SslContextBuilder.forClient().trustManager(caCertificates).build()}); the wrong kind
     * is an {@link IllegalArgumentException} from their constructor. For mutual TLS, build the
     * server's context with {@code clientAuth(ClientAuth.REQUIRE)} and a trust manager for client
     * certificates, and give the client's a key manager.
     *
     * <p>The TLS handshake completes before kaa-rpc's own handshake starts; the secret is still
     * proved inside TLS. A client verifies the server's certificate with its context's trust
     * manager and, over TCP, the host name it dials against the certificate (Netty's default,
     * endpoint identification {@code "HTTPS"}). Over a Unix socket there is no host name, so only
     * the certificate chain is checked. A failure, or a peer with TLS at one end only, fails the
     * connection with a {@link TlsException} naming the peer.
     */
    public Builder sslContext(SslContext context) {
      this.sslContext = context;
      return this;
    }

    /** Builds the options. */
    public Options build() {
      return new Options(this);
    }
  }
}
