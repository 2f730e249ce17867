package kaa.rpc.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay on loopback between a client and a server, for tests of slow and frozen networks.
 * Each accepted connection gets its own connection to the target and two pump threads. The relay
 * can stop reading what the server sends (so the server's writes back up, as with a client that
 * does not read), and can freeze the connections open now: they stay open but forward nothing,
 * like a peer whose machine hangs. Connections made after a freeze forward normally.
 */
public final class Relay implements AutoCloseable {
  private final SocketAddress target;
  private final ServerSocket listener;
  private final List<Pair> pairs = new CopyOnWriteArrayList<>();
  private final Thread acceptor;
  private volatile boolean closed;

  /** Starts relaying from a fresh loopback port to {@code target}. */
  public Relay(SocketAddress target) throws IOException {
    this.target = target;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.acceptor = new Thread(this::accept, "relay-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** The address clients connect to. */
  public InetSocketAddress address() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort());
  }

  /** Stops reading from the server on every connection, until {@link #resumeDownstream}. */
  public void pauseDownstream() {
    for (Pair p : pairs) {
      p.down.pause(true);
    }
  }

  /** Reads from the server again. */
  public void resumeDownstream() {
    for (Pair p : pairs) {
      p.down.pause(false);
    }
  }

  /** Freezes the connections open now: nothing is forwarded either way, nothing is closed. */
  public void freeze() {
    for (Pair p : pairs) {
      p.up.pause(true);
      p.down.pause(true);
    }
  }

  private void accept() {
    while (!closed) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket();
        server.connect(target, 5000);
        client.setTcpNoDelay(true);
        server.setTcpNoDelay(true);
        pairs.add(new Pair(client, server));
      } catch (IOException e) {
        if (!closed) {
          throw new IllegalStateException(e);
        }
      }
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    listener.close();
    for (Pair p : pairs) {
      p.close();
    }
  }

  /** One relayed connection. */
  private static final class Pair {
    final Socket client;
    final Socket server;
    final Pump up;
    final Pump down;

    Pair(Socket client, Socket server) throws IOException {
      this.client = client;
      this.server = server;
      this.up = new Pump(client.getInputStream(), server.getOutputStream(), this);
      this.down = new Pump(server.getInputStream(), client.getOutputStream(), this);
      up.start("relay-up");
      down.start("relay-down");
    }

    void close() {
      up.pause(false);
      down.pause(false);
      try {
        client.close();
      } catch (IOException ignored) {
        // closing anyway
      }
      try {
        server.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }

  /** Copies one direction; while paused it reads nothing. */
  private static final class Pump implements Runnable {
    private final InputStream in;
    private final OutputStream out;
    private final Pair pair;
    private boolean paused;

    Pump(InputStream in, OutputStream out, Pair pair) {
      this.in = in;
      this.out = out;
      this.pair = pair;
    }

    void start(String name) {
      Thread t = new Thread(this, name);
      t.setDaemon(true);
      t.start();
    }

    synchronized void pause(boolean pause) {
      paused = pause;
      notifyAll();
    }

    private synchronized void awaitResumed() throws InterruptedException {
      while (paused) {
        wait();
      }
    }

    @Override
    public void run() {
      byte[] buffer = new byte[64 * 1024];
      try {
        while (true) {
          awaitResumed();
          int n = in.read(buffer);
          if (n < 0) {
            break;
          }
          awaitResumed();
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException | InterruptedException e) {
        // the connection or the relay closed
      } finally {
        pair.close();
      }
    }
  }
}
