package kaa.rpc.samples.hub;

import kaa.rpc.annotation.Expose;

/** What the hub calls on each client: exposed by the client, called by the server. */
@Expose
public interface Listener {
  /** A member published {@code message}. */
  void message(String from, String message);

  /** A member joined or left. */
  void membership(String name, boolean joined);
}
