package kaa.rpc.benchmarks.sidebyside;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryonet.Client;
import com.esotericsoftware.kryonet.Connection;
import com.esotericsoftware.kryonet.Listener;
import com.esotericsoftware.kryonet.Server;
import com.esotericsoftware.minlog.Log;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * KryoNet 2.22.0-RC1 (Kryo 2.24) over TCP with its defaults, except buffers big enough for a 4 KiB
 * echo. The server answers on its update thread; the client sends from the calling thread
 * ({@code sendTCP}) and its update thread completes the call. Messages carry a call id.
 */
final class KryoNetContender {
  private static final int WRITE_BUFFER = 256 * 1024;
  private static final int OBJECT_BUFFER = 64 * 1024;

  private KryoNetContender() {}

  /** A request: {@code add(a, b)} when {@code data} is null, otherwise an echo of it. */
  public static final class Request {
    public int id;
    public int a;
    public int b;
    public byte[] data;
  }

  /** A response to the request with the same id. */
  public static final class Response {
    public int id;
    public int sum;
    public byte[] data;
  }

  private static void register(Kryo kryo) {
    Log.set(Log.LEVEL_WARN); // KryoNet logs connections to stdout at INFO
    kryo.register(byte[].class);
    kryo.register(Request.class);
    kryo.register(Response.class);
  }

  static Contender.Served serve() throws Exception {
    Server server = new Server(WRITE_BUFFER, OBJECT_BUFFER);
    register(server.getKryo());
    server.addListener(
        new Listener() {
          @Override
          public void received(Connection connection, Object object) {
            if (object instanceof Request) {
              Request request = (Request) object;
              Response response = new Response();
              response.id = request.id;
              if (request.data == null) {
                response.sum = request.a + request.b;
              } else {
                response.data = request.data;
              }
              connection.sendTCP(response);
            }
          }
        });
    // KryoNet cannot bind port 0 and report the port: take a free one.
    int port = Endpoints.freePort();
    InetAddress loopback = InetAddress.getLoopbackAddress();
    server.bind(new InetSocketAddress(loopback, port), null);
    server.start();
    String address = Endpoints.format(new InetSocketAddress(loopback, port));
    return new Contender.Served() {
      @Override
      public String address() {
        return address;
      }

      @Override
      public void close() {
        server.stop();
      }
    };
  }

  /** One KryoNet client connection. */
  static final class KryoNetClient implements BenchClient {
    private final Client client = new Client(WRITE_BUFFER, OBJECT_BUFFER);
    private final AtomicInteger ids = new AtomicInteger();
    private final ConcurrentHashMap<Integer, CompletableFuture<Response>> pending =
        new ConcurrentHashMap<>();

    KryoNetClient(String address) throws Exception {
      register(client.getKryo());
      client.addListener(
          new Listener() {
            @Override
            public void received(Connection connection, Object object) {
              if (object instanceof Response) {
                Response response = (Response) object;
                CompletableFuture<Response> call = pending.remove(response.id);
                if (call != null) {
                  call.complete(response);
                }
              }
            }

            @Override
            public void disconnected(Connection connection) {
              for (CompletableFuture<Response> call : pending.values()) {
                call.completeExceptionally(new IllegalStateException("disconnected"));
              }
            }
          });
      client.start();
      InetSocketAddress server = Endpoints.parseTcp(address);
      client.connect(30_000, server.getAddress(), server.getPort());
    }

    private CompletableFuture<Response> send(Request request) {
      request.id = ids.incrementAndGet();
      CompletableFuture<Response> call = new CompletableFuture<>();
      pending.put(request.id, call);
      if (client.sendTCP(request) == 0) {
        pending.remove(request.id);
        call.completeExceptionally(new IllegalStateException("KryoNet did not send"));
      }
      return call;
    }

    @Override
    public int add(int a, int b) throws Exception {
      Request request = new Request();
      request.a = a;
      request.b = b;
      return send(request).get(30, TimeUnit.SECONDS).sum;
    }

    @Override
    public byte[] echo(byte[] data) throws Exception {
      Request request = new Request();
      request.data = data;
      return send(request).get(30, TimeUnit.SECONDS).data;
    }

    @Override
    public void pipelined(Pipeline pipeline) throws Exception {
      pipeline.windowed(
          (a, b, callback) -> {
            Request request = new Request();
            request.a = a;
            request.b = b;
            send(request)
                .whenComplete(
                    (response, error) ->
                        callback.done(a, b, response == null ? 0 : response.sum, error));
          });
    }

    @Override
    public String pipelineNote() {
      return "sendTCP with call ids on one connection";
    }

    @Override
    public void close() {
      client.stop();
    }
  }
}
