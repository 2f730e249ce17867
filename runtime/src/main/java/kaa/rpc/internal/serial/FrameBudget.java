package kaa.rpc.internal.serial;

import com.esotericsoftware.kryo.kryo5.KryoException;

/**
 * What decoding one frame may still allocate. Every length the decoder trusts (arrays, strings,
 * collections, maps) and every object it creates is charged here before or as it is allocated, so
 * the whole frame, however its lengths and nesting are arranged, never makes the decoder allocate
 * more than {@link #MULTIPLE} times its size (at least {@link #FLOOR} bytes). See docs/PROTOCOL.md
 * §10. Not thread-safe: one per {@link KryoSession}.
 */
public final class FrameBudget {
  /** The budget is this many times the frame's size. */
  public static final int MULTIPLE = 4;

  /**
   * The budget of a small frame: a few objects of a tiny frame always fit, so a record of short
   * strings is not refused for its Java object headers.
   */
  public static final long FLOOR = 64 * 1024;

  /** Bytes of an object reference (compressed oops, the JVM default below 32 GiB of heap). */
  static final long REF = 4;

  /** Bytes of an array's header. */
  public static final long ARRAY = 16;

  /** Bytes of the smallest object. */
  static final long OBJECT = 16;

  private long left = Long.MAX_VALUE;
  private long budget = Long.MAX_VALUE;
  private int frameBytes;

  /** Starts a frame of {@code frameBytes}; {@code alreadyAllocated} is charged at once. */
  void start(int frameBytes, long alreadyAllocated) {
    this.frameBytes = frameBytes;
    this.budget = budgetOf(frameBytes);
    this.left = budget;
    charge(alreadyAllocated);
  }

  /**
   * Starts measuring a frame of {@code frameBytes} that this side wrote: what is charged is only
   * added up (see {@link #spent}), never refused.
   */
  void measure(int frameBytes, long alreadyAllocated) {
    this.frameBytes = frameBytes;
    this.budget = Long.MAX_VALUE;
    this.left = budget;
    charge(alreadyAllocated);
  }

  /** What was charged since the frame started. */
  long spent() {
    return budget - left;
  }

  /** No frame: nothing is charged (the writing side). */
  void stop() {
    left = Long.MAX_VALUE;
    budget = Long.MAX_VALUE;
  }

  /**
   * Kept back from the budget for what is not charged: the message objects and, when the budget
   * is spent, the exception that says so.
   */
  public static final long RESERVE = 16 * 1024;

  /** The budget of a frame of {@code frameBytes}. */
  public static long budgetOf(int frameBytes) {
    return Math.max((long) MULTIPLE * frameBytes - RESERVE, FLOOR);
  }

  /** Charges {@code bytes}; fails once the frame's budget is spent. */
  void charge(long bytes) {
    left -= bytes;
    if (left < 0 || bytes < 0) {
      throw new Exceeded(frameBytes, budget, budget - left);
    }
  }

  /** True if {@code failure} (or a cause) is a spent budget. */
  public static Exceeded exceeded(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof Exceeded) {
        return (Exceeded) t;
      }
    }
    return null;
  }

  /** Decoding a frame would allocate more than its budget. */
  public static final class Exceeded extends KryoException {
    private static final long serialVersionUID = 1L;

    Exceeded(int frameBytes, long budget, long wanted) {
      super(
          "decoding a frame of "
              + frameBytes
              + " bytes would allocate more than its budget of "
              + budget
              + " bytes ("
              + MULTIPLE
              + " x the frame, at least "
              + FLOOR
              + "); "
              + (wanted < 0 ? "a negative length" : "at least " + wanted + " bytes")
              + " were asked for");
    }
  }
}
