package kaa.rpc.samples.calculator;

import java.util.concurrent.CompletionStage;
import kaa.rpc.Channel;
import kaa.rpc.annotation.Expose;

/** A calculator, shared by the server and its clients: the contract of SPEC §1. */
@Expose
public interface Calculator {
  /** Adds two numbers. */
  int add(int a, int b);

  /** Exposed under the name {@code do_something}, as a kaa.rpc peer would call it. */
  @Expose("do_something")
  String mySomething(int foo);

  /** n!, computed off the calling thread: asynchronous on both ends. */
  CompletionStage<java.math.BigInteger> factorial(int n);

  /** Logs a line on the server; {@code caller} is injected by the runtime, not sent. */
  void log(Channel caller, String line);
}
