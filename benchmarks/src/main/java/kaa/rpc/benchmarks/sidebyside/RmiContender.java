package kaa.rpc.benchmarks.sidebyside;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.rmi.Remote;
import java.rmi.RemoteException;
import java.rmi.server.RMIServerSocketFactory;
import java.rmi.server.UnicastRemoteObject;
import java.util.Base64;

/**
 * Java RMI with the JDK's defaults, except that the server listens on loopback only. The server
 * announces its serialized stub (base 64), so no registry is needed. RMI has no asynchronous
 * calls: W2 runs {@value Pipeline#THREADS} threads of blocking calls (RMI gives each concurrent
 * call its own connection).
 */
final class RmiContender {
  private RmiContender() {}

  /** The remote interface. */
  public interface RmiBench extends Remote {
    int add(int a, int b) throws RemoteException;

    byte[] echo(byte[] data) throws RemoteException;
  }

  /** The server's implementation. */
  static final class RmiBenchImpl implements RmiBench {
    @Override
    public int add(int a, int b) {
      return a + b;
    }

    @Override
    public byte[] echo(byte[] data) {
      return data;
    }
  }

  /** Server sockets bound to loopback. Not serialized: it stays on the server. */
  private static final class LoopbackServerSockets implements RMIServerSocketFactory {
    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
      return new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
    }
  }

  static Contender.Served serve() throws Exception {
    System.setProperty("java.rmi.server.hostname", InetAddress.getLoopbackAddress().getHostAddress());
    RmiBenchImpl impl = new RmiBenchImpl();
    Remote stub = UnicastRemoteObject.exportObject(impl, 0, null, new LoopbackServerSockets());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(stub);
    }
    String address = "rmi:" + Base64.getEncoder().encodeToString(bytes.toByteArray());
    return new Contender.Served() {
      @Override
      public String address() {
        return address;
      }

      @Override
      public void close() throws IOException {
        UnicastRemoteObject.unexportObject(impl, true);
      }
    };
  }

  /** Calls through the deserialized stub. */
  static final class RmiClient implements BenchClient {
    private final RmiBench stub;

    RmiClient(String address) throws Exception {
      if (!address.startsWith("rmi:")) {
        throw new IllegalArgumentException("not an RMI stub: " + address);
      }
      byte[] bytes = Base64.getDecoder().decode(address.substring(4));
      try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
        stub = (RmiBench) in.readObject();
      }
    }

    @Override
    public int add(int a, int b) throws RemoteException {
      return stub.add(a, b);
    }

    @Override
    public byte[] echo(byte[] data) throws RemoteException {
      return stub.echo(data);
    }

    @Override
    public void pipelined(Pipeline pipeline) throws Exception {
      pipeline.threads(this);
    }

    @Override
    public String pipelineNote() {
      return Pipeline.THREADS + " threads of blocking calls (no async in RMI)";
    }

    @Override
    public void close() {}
  }
}
