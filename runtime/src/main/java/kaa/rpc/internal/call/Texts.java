package kaa.rpc.internal.call;

/**
 * The runtime's message catalogue for calls and connections. Every failure of one call names it
 * the same way, at the end: {@code "... for call Calculator.add to 127.0.0.1:7700"}; tests build
 * the texts they expect from here.
 */
public final class Texts {
  private Texts() {}

  /** {@code what}, then which call and which peer: the shape of every call failure. */
  public static String forCall(String what, String call, String peer) {
    return what + " for call " + call + " to " + peer;
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
