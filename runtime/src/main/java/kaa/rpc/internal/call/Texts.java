package kaa.rpc.internal.call;

/**
 * The runtime's message catalogue for calls and connections. Every failure of one call names it
 * the same way, at the end: {@code "... for call Calculator.add to 127.0.0.1:7700"} at the
 * caller, {@code "... for call add from 127.0.0.1:51234"} in the errors a callee sends back;
 * tests build the texts they expect from here.
 */
public final class Texts {
  private Texts() {}

  /** {@code what}, then which call and which peer: the shape of every call failure. */
  public static String forCall(String what, String call, String peer) {
    return what + " for call " + call + " to " + peer;
  }

  /**
   * {@code what}, then which call and which peer it came from: the shape of every error this end
   * answers a call with before running it.
   */
  public static String forCallFrom(String what, String call, String peer) {
    return what + " for call " + call + " from " + peer;
  }

  /** No function of that name is exposed to the caller. */
  public static String noSuchFunction(String name) {
    return "no function \"" + name + "\" is exposed to this caller";
  }

  /** The executor refused to run the call. */
  public static String executorRejected() {
    return "not run: the executor rejected it";
  }

  /** Positional arguments, but not as many as the function's parameters. */
  public static String wrongArgumentCount(String signature, int expected, int got) {
    return signature
        + " takes "
        + expected
        + " argument"
        + (expected == 1 ? "" : "s")
        + ", got "
        + got;
  }

  /** A named argument no parameter has. */
  public static String noParameterNamed(String signature, String name) {
    return signature + " has no parameter named \"" + name + "\"";
  }

  /** A named argument given more than once. */
  public static String givenTwice(String signature, String name) {
    return signature + ": parameter \"" + name + "\" given twice";
  }

  /** A parameter no named argument was given for. */
  public static String missingArgument(String signature, String name) {
    return signature + ": missing argument \"" + name + "\"";
  }

  /** Null for a parameter of a primitive type. */
  public static String nullForPrimitive(String signature, String name, String type) {
    return signature + ": argument \"" + name + "\" is null but must be a " + type;
  }

  /** An argument of the wrong type. */
  public static String wrongType(String signature, String name, String type, String got) {
    return signature + ": argument \"" + name + "\" must be " + type + ", got " + got;
  }

  /** The one timeout text: the call's own deadline passed. */
  public static String timedOut(long millis) {
    return "timed out after " + millis + " ms";
  }

  /** The in-flight limit of this end was reached. */
  public static String tooManyInFlight(int max) {
    return "not sent: " + max + " calls already in flight (Options.maxCallsInFlight)";
  }

  /** A call frame larger than the peer accepts. */
  public static String callFrameTooLarge(int size, int limit) {
    return "not sent: frame of "
        + size
        + " bytes exceeds the limit of "
        + limit
        + " bytes announced by the peer";
  }

  /** A result frame larger than the caller accepts (sent to the caller in its place). */
  public static String resultFrameTooLarge(int size, int limit, String caller) {
    return "result frame of "
        + size
        + " bytes exceeds the limit of "
        + limit
        + " bytes of the caller "
        + caller;
  }

  /** The connection ended while the call was out. */
  public static String lostInFlight(String reason) {
    return "connection lost (" + reason + "); it may or may not have run";
  }

  /** The connection ended before the call was written. */
  public static String lostBeforeSent(String reason) {
    return "not sent: connection lost (" + reason + ")";
  }

  /** The channel closed for good. */
  public static String closed(String reason) {
    return "channel closed (" + reason + ")";
  }

  /** Keep-alive: nothing arrived from the peer. */
  public static String noAnswer(String peer, long millis) {
    return "no answer from " + peer + " for " + millis + " ms";
  }

  /** The channel was closed by its own end. */
  public static String closedByThisEnd(String peer) {
    return "channel to " + peer + " closed by this end";
  }

  /** The connection closed without another reason. */
  public static String connectionClosed(String peer) {
    return "connection to " + peer + " closed";
  }
}
