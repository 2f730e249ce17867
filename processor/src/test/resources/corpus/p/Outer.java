package p;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import kaa.rpc.Channel;
import kaa.rpc.annotation.Expose;

/** A generic, nested interface that inherits from a generic one and uses every clash we know. */
public class Outer {
  /** A store of values by key. */
  public interface Store<K, V> {
    @SuppressWarnings("kaa-rpc:unrebuildable-exception") // arrives as RemoteException
    V get(K key) throws StoreException;

    void put(K key, V value);
  }

  /** Thrown by a store; has no message constructor. */
  public static class StoreException extends Exception {
    private static final long serialVersionUID = 1L;

    public StoreException(int code) {
      super("code " + code);
    }
  }

  /** A repository of comparable items. */
  @Expose
  public interface Repo<T extends Comparable<T> & Serializable> extends Store<String, T> {
    String FIND = "a constant that hides a generated one";

    interface Proxy {}

    List<T> find(String channel, Channel caller, int args, String... function);

    @Expose("find.all")
    List<T> find(Map<String, ? extends T> implementation);

    <U extends Number & Comparable<U>> CompletableFuture<U> max(List<? super U> values, U other);

    CompletableFuture<Void> clear();

    java.net.Proxy route(Proxy proxy);
  }
}
