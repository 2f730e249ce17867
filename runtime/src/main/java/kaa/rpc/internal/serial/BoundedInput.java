package kaa.rpc.internal.serial;

import com.esotericsoftware.kryo.kryo5.KryoException;
import com.esotericsoftware.kryo.kryo5.io.Input;
import java.nio.charset.StandardCharsets;

/**
 * A Kryo input over one whole frame that trusts no length: a length larger than what is left of the
 * frame is refused (each element takes at least one byte, so a larger length can only be a lie),
 * and what each length makes Kryo allocate is charged to the frame's {@link FrameBudget} before it
 * is allocated.
 */
final class BoundedInput extends Input {
  final FrameBudget budget = new FrameBudget();

  /** Fails unless {@code count} elements of at least one byte each fit in the rest of the frame. */
  void check(long count) {
    if (count < 0 || count > limit - position) {
      throw new KryoException(
          "length "
              + count
              + " is larger than the "
              + (limit - position)
              + " bytes left in the frame");
    }
  }

  /** Charges {@code bytes} to the frame's budget. */
  void charge(long bytes) {
    budget.charge(bytes);
  }

  /** Charges {@code bytes} if {@code input} decodes a frame (the only kind of input we read). */
  static void charge(Input input, long bytes) {
    if (input instanceof BoundedInput) {
      ((BoundedInput) input).budget.charge(bytes);
    }
  }

  /** The length of Kryo's character buffer, which grows to the longest string read. */
  int charsLength() {
    return chars.length;
  }

  /** Gives back a character buffer that grew large. */
  void dropChars() {
    chars = new char[32];
  }

  /** Checks {@code count} against the frame and charges an array of it. */
  private void array(int count, long elementBytes) {
    check(count);
    charge(FrameBudget.ARRAY + elementBytes * count);
  }

  @Override
  public byte[] readBytes(int length) {
    array(length, 1);
    return super.readBytes(length);
  }

  @Override
  public int[] readInts(int length) {
    array(length, 4);
    return super.readInts(length);
  }

  @Override
  public int[] readInts(int length, boolean optimizePositive) {
    array(length, 4);
    return super.readInts(length, optimizePositive);
  }

  @Override
  public long[] readLongs(int length) {
    array(length, 8);
    return super.readLongs(length);
  }

  @Override
  public long[] readLongs(int length, boolean optimizePositive) {
    array(length, 8);
    return super.readLongs(length, optimizePositive);
  }

  @Override
  public float[] readFloats(int length) {
    array(length, 4);
    return super.readFloats(length);
  }

  @Override
  public double[] readDoubles(int length) {
    array(length, 8);
    return super.readDoubles(length);
  }

  @Override
  public short[] readShorts(int length) {
    array(length, 2);
    return super.readShorts(length);
  }

  @Override
  public char[] readChars(int length) {
    array(length, 2);
    return super.readChars(length);
  }

  @Override
  public boolean[] readBooleans(int length) {
    array(length, 1);
    return super.readBooleans(length);
  }

  @Override
  public String readString() {
    if (position < limit && (buffer[position] & 0x80) != 0) {
      // The length form: a varint-with-flag of (UTF-16 units + 1); 0 is null, 1 is "". Each unit
      // takes a byte or more.
      int start = position;
      long units = readVarIntFlag(true) - 1L;
      if (units > 0) {
        check(units);
        int n = (int) units;
        int end = position + n;
        int i = position;
        while (i < end && buffer[i] >= 0) {
          i++;
        }
        if (i == end) {
          // All ASCII: one copy into the String, not Kryo's char buffer and then the String.
          charge(2 * FrameBudget.OBJECT + FrameBudget.ARRAY + n);
          String ascii = new String(buffer, position, n, StandardCharsets.ISO_8859_1);
          position = end;
          return ascii;
        }
        // Kryo decodes into its char buffer (kept between frames), then makes the String, which
        // first tries one byte per character.
        long scratch = chars.length < units ? FrameBudget.ARRAY + 2 * units : 0;
        charge(scratch + 2 * FrameBudget.OBJECT + 2 * FrameBudget.ARRAY + 3 * units);
      } else if (units < -1) {
        check(units);
      }
      position = start;
    } else {
      // The ASCII form: its bytes as they are, the last one flagged; one byte per character.
      int end = position;
      while (end < limit && (buffer[end] & 0x80) == 0) {
        end++;
      }
      if (end == limit) {
        throw new KryoException("a string runs past the end of the frame");
      }
      charge(2 * FrameBudget.OBJECT + FrameBudget.ARRAY + (end - position + 1));
    }
    return super.readString();
  }
}
