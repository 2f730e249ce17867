package kaa.rpc.internal.call;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import kaa.rpc.ArgumentMismatchException;
import kaa.rpc.Channel;
import kaa.rpc.NoSuchFunctionException;
import kaa.rpc.RpcException;
import kaa.rpc.SerializationException;
import kaa.rpc.internal.lead.Leads;
import kaa.rpc.spi.ParameterInfo;

/**
 * The calls one channel receives: finds the function (the channel's own first, then the
 * endpoint's), binds the arguments and runs it on the executor. The built-in {@value #FUNCTIONS}
 * answers with what this peer may call.
 */
final class IncomingCalls {
  /** The name of the built-in introspection function. */
  static final String FUNCTIONS = "kaa.functions";

  private final FunctionTable own;
  private final FunctionTable shared;
  private final Executor executor;
  private final boolean runOnLeader;
  private volatile Channel identity;

  IncomingCalls(FunctionTable own, FunctionTable shared, Executor executor, boolean runOnLeader) {
    this.own = own;
    this.shared = shared;
    this.executor = executor;
    this.runOnLeader = runOnLeader;
  }

  /** Sets the channel exposed methods are given as their caller. */
  void identity(Channel channel) {
    this.identity = channel;
  }

  /** The channel exposed methods are given as their caller. */
  Channel identity() {
    return identity;
  }

  /**
   * Serves call {@code id} of {@code name} read from {@code from}, as {@link
   * kaa.rpc.internal.codec.MessageReader#call} gives it (event loop); true if it now runs.
   */
  boolean serve(
      Connection from,
      int id,
      String name,
      Object[] values,
      String[] names,
      SerializationException failure) {
    Function function = own.get(name);
    if (function == null) {
      function = shared.get(name);
    }
    if (function == null) {
      if (FUNCTIONS.equals(name)) {
        from.replyNow(id, describeFunctions(), null);
      } else {
        from.replyNow(
            id,
            null,
            new NoSuchFunctionException(
                Texts.forCallFrom(Texts.noSuchFunction(name), name, from.peer())));
      }
      return false;
    }
    if (failure != null) {
      from.replyNow(id, null, failure);
      return false;
    }
    Object[] args;
    try {
      args = function.bind(values, names);
    } catch (ArgumentMismatchException e) {
      from.replyNow(
          id,
          null,
          new ArgumentMismatchException(
              Texts.forCallFrom(e.getMessage(), name, from.peer())));
      return false;
    }
    InboundCall inbound = new InboundCall(from, id, function, args);
    from.startRunning(inbound);
    if (runOnLeader && Leads.deferOnLeader(from.loop(), inbound)) {
      return true; // runs on this thread once the read is done; the lead moves if it blocks
    }
    try {
      executor.execute(inbound);
    } catch (RejectedExecutionException e) {
      from.stopRunning(inbound);
      from.replyNow(
          id,
          null,
          new RpcException(
              Texts.forCallFrom(Texts.executorRejected(), name, from.peer()), e));
      return false;
    }
    return true;
  }

  /** The answer of {@value #FUNCTIONS}: every function this peer may call, by name. */
  private List<Object> describeFunctions() {
    Map<String, Function> all = new TreeMap<>();
    for (Function f : shared.all()) {
      all.put(f.info.name(), f);
    }
    for (Function f : own.all()) {
      all.put(f.info.name(), f);
    }
    List<Object> list = new ArrayList<>();
    for (Function f : all.values()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("name", f.info.name());
      List<Object> params = new ArrayList<>();
      for (ParameterInfo p : f.info.parameters()) {
        Map<String, Object> param = new LinkedHashMap<>();
        param.put("name", p.name());
        param.put("type", p.typeName());
        params.add(param);
      }
      entry.put("parameters", params);
      entry.put("returns", f.info.returnType());
      entry.put("service", f.dispatcher.serviceName());
      list.add(entry);
    }
    return list;
  }
}
