package kaa.rpc.benchmarks.sidebyside;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * The blocking-socket floor: {@link java.net.Socket} with {@code TCP_NODELAY}, {@link
 * FloorProtocol} frames. The server runs a thread per connection that reads a request, answers
 * it, and flushes when no more input is buffered (so pipelined answers leave in batches). The
 * client's calling thread writes and reads the socket itself; for W2 a second client thread reads
 * the answers while the calling thread writes (one flush per request).
 */
final class SocketContender {
  private SocketContender() {}

  static Contender.Served serve() throws Exception {
    ServerSocket listener = new ServerSocket();
    listener.bind(Endpoints.anyLoopbackPort());
    Thread acceptor =
        new Thread(
            () -> {
              while (!listener.isClosed()) {
                try {
                  Socket socket = listener.accept();
                  Thread handler = new Thread(() -> serveConnection(socket), "socket-server");
                  handler.setDaemon(true);
                  handler.start();
                } catch (IOException e) {
                  return; // closed
                }
              }
            },
            "socket-acceptor");
    acceptor.setDaemon(true);
    acceptor.start();
    String address = Endpoints.format(listener.getLocalSocketAddress());
    return new Contender.Served() {
      @Override
      public String address() {
        return address;
      }

      @Override
      public void close() throws IOException {
        listener.close();
      }
    };
  }

  private static void serveConnection(Socket socket) {
    try (socket) {
      socket.setTcpNoDelay(true);
      BufferedInputStream buffered = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
      DataInputStream in = new DataInputStream(buffered);
      DataOutputStream out =
          new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 64 * 1024));
      FloorProtocol.Frame frame = new FloorProtocol.Frame();
      while (frame.read(in)) {
        switch (frame.kind) {
          case FloorProtocol.ADD:
            out.writeInt(FloorProtocol.HEADER + 4);
            out.writeByte(FloorProtocol.ADD);
            out.writeInt(frame.id);
            out.writeInt(frame.intAt(0) + frame.intAt(4));
            break;
          case FloorProtocol.ECHO:
            FloorProtocol.write(out, FloorProtocol.ECHO, frame.id, 0, 0, frame.body);
            break;
          case FloorProtocol.BYE:
            FloorProtocol.write(out, FloorProtocol.BYE, frame.id, 0, 0, null);
            break;
          default:
            throw new IOException("unknown frame kind " + frame.kind);
        }
        if (buffered.available() == 0) {
          out.flush();
        }
      }
    } catch (IOException e) {
      // connection gone: nothing else to serve
    }
  }

  /** One blocking connection. */
  static final class SocketClient implements BenchClient {
    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;
    private final FloorProtocol.Frame frame = new FloorProtocol.Frame();
    private int nextId;

    SocketClient(String address) throws IOException {
      InetSocketAddress server = Endpoints.parseTcp(address);
      socket = new Socket();
      socket.setTcpNoDelay(true);
      socket.connect(server, 30_000);
      in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 64 * 1024));
      out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 64 * 1024));
    }

    private void expect(byte kind, int id) throws IOException {
      if (!frame.read(in)) {
        throw new IOException("server closed the connection");
      }
      if (frame.kind != kind || frame.id != id) {
        throw new IOException("expected answer " + kind + "/" + id + ", got " + frame.kind + "/" + frame.id);
      }
    }

    @Override
    public int add(int a, int b) throws IOException {
      int id = nextId++;
      FloorProtocol.write(out, FloorProtocol.ADD, id, a, b, null);
      out.flush();
      expect(FloorProtocol.ADD, id);
      return frame.intAt(0);
    }

    @Override
    public byte[] echo(byte[] data) throws IOException {
      int id = nextId++;
      FloorProtocol.write(out, FloorProtocol.ECHO, id, 0, 0, data);
      out.flush();
      expect(FloorProtocol.ECHO, id);
      return frame.body;
    }

    @Override
    public void pipelined(Pipeline pipeline) throws Exception {
      int firstId = nextId;
      kaa.rpc.benchmarks.Window window = new kaa.rpc.benchmarks.Window(Pipeline.WINDOW);
      Thread reader =
          new Thread(
              () -> {
                int expected = firstId;
                try {
                  while (true) {
                    if (!frame.read(in)) {
                      throw new IOException("server closed the connection");
                    }
                    if (frame.id != expected) {
                      throw new IOException("answer " + frame.id + " where " + expected + " was due");
                    }
                    if (frame.kind == FloorProtocol.BYE) {
                      return;
                    }
                    int i = expected - firstId;
                    pipeline.completed(Pipeline.argA(i), Pipeline.argB(i), frame.intAt(0));
                    expected++;
                    window.release(true);
                  }
                } catch (Throwable e) {
                  pipeline.failed(e);
                  for (int k = 0; k < Pipeline.WINDOW; k++) {
                    window.release(true); // a sender waiting for room sees the failure
                  }
                  try {
                    socket.close();
                  } catch (IOException ignored) {
                    // already failed
                  }
                }
              },
              "socket-reader");
      reader.start();
      int i = 0;
      while (pipeline.running()) {
        window.acquire();
        FloorProtocol.write(out, FloorProtocol.ADD, nextId++, Pipeline.argA(i), Pipeline.argB(i), null);
        out.flush();
        i++;
      }
      pipeline.check();
      window.drain();
      FloorProtocol.write(out, FloorProtocol.BYE, nextId++, 0, 0, null);
      out.flush();
      reader.join(30_000);
      if (reader.isAlive()) {
        socket.close();
        throw new IllegalStateException("the reader did not see the end of the run");
      }
    }

    @Override
    public String pipelineNote() {
      return "a writer and a reader thread on one socket";
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
