package kaa.rpc.benchmarks.sidebyside;

import java.io.InputStream;

/**
 * The server JVM: {@code ServerMain CONTENDER-ID}. Starts the contender's server, prints {@code
 * READY <address>} on one line, serves until its standard input closes, then stops.
 */
public final class ServerMain {
  private ServerMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: ServerMain CONTENDER-ID");
      System.exit(2);
    }
    Contender contender = Contender.byId(args[0]);
    int status = 0;
    try (Contender.Served served = contender.serve()) {
      System.out.println("READY " + served.address());
      System.out.flush();
      InputStream in = System.in;
      byte[] sink = new byte[256];
      while (in.read(sink) >= 0) {
        // the harness closes our input to stop us
      }
    } catch (Throwable e) {
      e.printStackTrace();
      status = 1;
    }
    System.exit(status); // some contenders (RMI, KryoNet) leave non-daemon threads
  }
}
