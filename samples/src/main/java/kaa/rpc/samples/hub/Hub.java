package kaa.rpc.samples.hub;

import java.util.List;
import kaa.rpc.annotation.Expose;

/** A notification hub: what each client calls on the server. */
@Expose
public interface Hub {
  /** Joins under {@code name}; the hub calls this client back with every message published. */
  void join(String name);

  /** Sends {@code message} to every member; returns how many received it. */
  int publish(String message);

  /** The names of the members, in joining order. */
  List<String> members();
}
