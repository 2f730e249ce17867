package kaa.rpc.internal.call;

import io.netty.channel.EventLoop;
import java.net.SocketAddress;
import java.util.concurrent.CompletableFuture;
import kaa.rpc.Channel;
import kaa.rpc.RpcException;
import kaa.rpc.internal.auth.HandshakeHandler;

/**
 * What the owner of a channel (a server, or a client's connector) may do with it. The channel
 * itself ({@link #channel()}) shows only the {@link Channel} API, so the object a user is given
 * has nothing else to reach; this handle stays with the owner.
 */
public final class ChannelControl {
  /** What the owner does when the channel's connection ends. */
  public interface Owner {
    /** The user closed the channel. */
    void closeRequested(ChannelControl channel);

    /**
     * The connection was lost; return true if the owner will reconnect (the channel then stays
     * open and queues calls).
     */
    boolean linkLost(ChannelControl channel, RpcException reason);

    /** The channel is closed for good. */
    void closedForGood(ChannelControl channel);
  }

  private final ChannelCore core;

  /**
   * A channel of {@code endpoint} whose connections run on {@code loop}, talking to {@code
   * remote}.
   */
  public ChannelControl(
      Endpoint endpoint, EventLoop loop, boolean serverSide, SocketAddress remote, Owner owner) {
    this.core = new ChannelCore(endpoint, loop, serverSide, remote, this, owner);
  }

  /** The channel. */
  public ChannelCore channel() {
    return core;
  }

  /** Makes {@code channel} the channel passed to listeners and exposed methods. */
  public void identity(Channel channel) {
    core.identity(channel);
  }

  /** The event loop the channel's connections use. */
  public EventLoop loop() {
    return core.loop();
  }

  /** Completes when first authenticated; fails if closed for good before. */
  public CompletableFuture<Void> firstConnect() {
    return core.firstConnect();
  }

  /** True once closed or closing for good. */
  public boolean isClosed() {
    return core.isClosed();
  }

  /** See {@link ChannelCore#attach}. */
  public boolean attach(
      HandshakeHandler handshake, io.netty.channel.Channel io, int peerMaxFrame, boolean serve) {
    return core.attach(handshake, io, peerMaxFrame, serve);
  }

  /** Starts serving incoming calls on the current connection (any thread). */
  public void serveCalls() {
    core.serveCalls();
  }

  /** A connection attempt failed before authenticating; {@code retry} if another will follow. */
  public void attemptFailed(RpcException reason, boolean retry) {
    core.attemptFailed(reason, retry);
  }

  /** Closes the channel for good. */
  public void close() {
    core.close();
  }
}
