package kaa.rpc.samples.hub;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import kaa.rpc.Channel;
import kaa.rpc.Server;

/**
 * The hub on the server: one {@link Session} per client, connected on that client's channel as
 * it arrives, so each client's calls reach its own session; broadcasting calls every member back.
 */
public final class HubService {
  private final Map<Channel, Session> members = new ConcurrentHashMap<>();

  /** Serves the hub on {@code server}. */
  public void serveOn(Server server) {
    server.onClientConnected(
        ch -> {
          Session session = new Session(ch);
          ch.connect(session);
          ch.onDisconnected((c, why) -> session.leave());
        });
  }

  private void broadcast(String from, String message) {
    for (Session member : members.values()) {
      ListenerRpc.async(member.channel).message(from, message);
    }
  }

  private void announce(String name, boolean joined) {
    for (Session member : members.values()) {
      ListenerRpc.async(member.channel).membership(name, joined);
    }
  }

  /** One client's view of the hub. */
  private final class Session implements Hub {
    private final Channel channel;
    private volatile String name;

    Session(Channel channel) {
      this.channel = channel;
    }

    @Override
    public void join(String name) {
      this.name = name;
      members.put(channel, this);
      announce(name, true);
    }

    @Override
    public int publish(String message) {
      broadcast(name == null ? "anonymous" : name, message);
      return members.size();
    }

    @Override
    public List<String> members() {
      List<String> names = new ArrayList<>();
      for (Session s : members.values()) {
        names.add(s.name);
      }
      names.sort(null);
      return names;
    }

    void leave() {
      if (members.remove(channel) != null) {
        announce(name, false);
      }
    }
  }
}
