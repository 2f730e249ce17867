package kaa.rpc.internal.call;

import java.util.concurrent.CompletableFuture;
import kaa.rpc.Channel;
import kaa.rpc.spi.RemoteMethod;

/** Implements {@link kaa.rpc.spi.Calls}. */
public final class ProxyCalls {
  private ProxyCalls() {}

  public static <T> T blocking(Channel channel, RemoteMethod method, Object[] args) {
    throw new UnsupportedOperationException("under construction");
  }

  public static <T> CompletableFuture<T> async(Channel channel, RemoteMethod method, Object[] args) {
    throw new UnsupportedOperationException("under construction");
  }
}
