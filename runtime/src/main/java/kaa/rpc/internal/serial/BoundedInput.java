package kaa.rpc.internal.serial;

import com.esotericsoftware.kryo.kryo5.KryoException;
import com.esotericsoftware.kryo.kryo5.io.Input;

/**
 * A Kryo input over one frame that refuses any length larger than what is left of the frame.
 * Kryo allocates an array of the length a peer writes before it reads the elements; since every
 * element takes at least one byte, a larger length can only be a lie, and would let a small frame
 * demand gigabytes.
 */
final class BoundedInput extends Input {

  /** Fails unless {@code count} elements of at least one byte each fit in the rest of the frame. */
  void check(long count) {
    if (count < 0 || count > limit - position) {
      throw new KryoException(
          "length " + count + " is larger than the " + (limit - position) + " bytes left in the frame");
    }
  }

  @Override
  public byte[] readBytes(int length) {
    check(length);
    return super.readBytes(length);
  }

  @Override
  public int[] readInts(int length) {
    check(length);
    return super.readInts(length);
  }

  @Override
  public int[] readInts(int length, boolean optimizePositive) {
    check(length);
    return super.readInts(length, optimizePositive);
  }

  @Override
  public long[] readLongs(int length) {
    check(length);
    return super.readLongs(length);
  }

  @Override
  public long[] readLongs(int length, boolean optimizePositive) {
    check(length);
    return super.readLongs(length, optimizePositive);
  }

  @Override
  public float[] readFloats(int length) {
    check(length);
    return super.readFloats(length);
  }

  @Override
  public double[] readDoubles(int length) {
    check(length);
    return super.readDoubles(length);
  }

  @Override
  public short[] readShorts(int length) {
    check(length);
    return super.readShorts(length);
  }

  @Override
  public char[] readChars(int length) {
    check(length);
    return super.readChars(length);
  }

  @Override
  public boolean[] readBooleans(int length) {
    check(length);
    return super.readBooleans(length);
  }

  @Override
  public String readString() {
    // The length form starts with a byte whose high bit is set; each character takes a byte or
    // more. (The ASCII form has no length: it ends where its last byte says.)
    if (position < limit && (buffer[position] & 0x80) != 0) {
      int start = position;
      long units = readVarIntFlag(true) - 1L;
      position = start;
      check(units);
    }
    return super.readString();
  }
}
