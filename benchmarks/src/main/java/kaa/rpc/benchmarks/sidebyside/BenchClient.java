package kaa.rpc.benchmarks.sidebyside;

/**
 * One contender's client, connected to its server in another JVM. The harness calls {@link #add}
 * and {@link #echo} from one thread (W1, W3) and {@link #pipelined} once for W2; it checks every
 * result itself.
 */
interface BenchClient extends AutoCloseable {
  /** A blocking {@code add(a, b)} on the server: returns what the server answered. */
  int add(int a, int b) throws Exception;

  /** A blocking echo of {@code data}: returns the server's copy, a distinct array. */
  byte[] echo(byte[] data) throws Exception;

  /**
   * Keeps adds in flight until {@link Pipeline#running} turns false, reporting each result to
   * {@code pipeline}, then waits until every call sent has completed. Runs on the harness's main
   * thread, the one that made this client.
   */
  void pipelined(Pipeline pipeline) throws Exception;

  /** How {@link #pipelined} keeps calls in flight, for the table's notes. */
  String pipelineNote();

  /** Closes the connection and everything this client started. */
  @Override
  void close() throws java.io.IOException;
}
