package kaa.rpc.internal.codec;

import com.esotericsoftware.kryo.kryo5.io.Output;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The function names of calls, encoded and decoded once: a call names its function in every frame,
 * and a connection calls few functions many times, so the names read recently are kept in a
 * small table and a name whose bytes match is returned without a new string. The table is direct
 * mapped and fixed in size ({@value #SLOTS} names of at most {@value #LONGEST} bytes), so a peer
 * that sends ever new names only replaces entries; it never makes the table grow.
 *
 * <p>Thread-safe: entries are immutable, and a slot read by one thread while another replaces it
 * gives either entry, both correct for their bytes.
 */
final class FunctionNames {
  /** Slots in the table (a power of two). */
  static final int SLOTS = 256;

  /** Longer names are decoded every time. */
  static final int LONGEST = 96;

  private static final Entry[] TABLE = new Entry[SLOTS];

  private FunctionNames() {}

  /** The name held by the UTF-8 bytes {@code bytes[offset, offset + length)}. */
  static String decode(byte[] bytes, int offset, int length) {
    if (length > LONGEST) {
      return new String(bytes, offset, length, StandardCharsets.UTF_8);
    }
    int hash = 0x811c9dc5;
    for (int i = offset, end = offset + length; i < end; i++) {
      hash = (hash ^ bytes[i]) * 0x01000193;
    }
    int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
    Entry e = TABLE[slot];
    if (e != null
        && Arrays.equals(e.bytes, 0, e.bytes.length, bytes, offset, offset + length)) {
      return e.name;
    }
    byte[] copy = Arrays.copyOfRange(bytes, offset, offset + length);
    String name = new String(copy, StandardCharsets.UTF_8);
    TABLE[slot] = new Entry(copy, name);
    return name;
  }

  private static final Encoded[] ENCODED = new Encoded[SLOTS];

  /**
   * Writes the name of the function a call is sent to, as {@link Wire#writeString} would: a name
   * written recently is copied from its encoding rather than encoded again. The table is direct
   * mapped by the name's hash and fixed in size, as the one for decoding.
   */
  static void encode(Output out, String name) {
    if (name == null || name.length() > LONGEST) {
      Wire.writeString(out, name);
      return;
    }
    int hash = name.hashCode();
    int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
    Encoded e = ENCODED[slot];
    if (e == null || !(e.name == name || e.name.equals(name))) {
      Output encoding = new Output(LONGEST * 3 + 5);
      Wire.writeString(encoding, name);
      e = new Encoded(name, encoding.toBytes());
      ENCODED[slot] = e;
    }
    out.writeBytes(e.bytes);
  }

  private static final class Encoded {
    final String name;
    /** The length varint and the UTF-8 bytes. */
    final byte[] bytes;

    Encoded(String name, byte[] bytes) {
      this.name = name;
      this.bytes = bytes;
    }
  }

  private static final class Entry {
    final byte[] bytes;
    final String name;

    Entry(byte[] bytes, String name) {
      this.bytes = bytes;
      this.name = name;
    }
  }
}
