package kaa.rpc.internal.call;

import io.netty.handler.codec.DecoderException;
import kaa.rpc.DisconnectedException;
import kaa.rpc.ProtocolException;
import kaa.rpc.RpcException;

/** What a failure that closes a connection becomes for the calls it ends. */
final class ConnectionFailures {
  private ConnectionFailures() {}

  /**
   * The exception the connection to {@code peer} closes with after {@code cause}: an {@link
   * RpcException} as it is (it already says what happened: keep-alive, a bad frame); a frame the
   * decoder refused as a {@link ProtocolException}; anything else as a {@link
   * DisconnectedException} saying the connection failed.
   */
  static RpcException of(Throwable cause, String peer) {
    String text = cause.getMessage() != null ? cause.getMessage() : cause.toString();
    if (cause instanceof RpcException) {
      return (RpcException) cause;
    }
    if (cause instanceof DecoderException) {
      return new ProtocolException(text + " from " + peer, cause);
    }
    return new DisconnectedException("connection to " + peer + " failed: " + text, cause);
  }
}
