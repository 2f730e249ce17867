package kaa.rpc.internal.serial;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.Serializer;
import com.esotericsoftware.kryo.kryo5.SerializerFactory;
import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;
import com.esotericsoftware.kryo.kryo5.objenesis.strategy.StdInstantiatorStrategy;
import com.esotericsoftware.kryo.kryo5.serializers.DefaultArraySerializers;
import com.esotericsoftware.kryo.kryo5.util.DefaultInstantiatorStrategy;

/**
 * One Kryo with its buffers. Not thread-safe: borrowed from {@link Serialization} for one message,
 * then given back.
 */
public final class KryoSession {
  private static final int INITIAL_BUFFER = 1024;

  /** Buffers that grew past this are dropped after use, so a pool does not hoard big arrays. */
  private static final int KEEP_BUFFER = 256 * 1024;

  /**
   * Graphs deeper than this are refused, so hostile nesting cannot overflow the stack. Measured
   * (the test DepthProbe, JDK 17, cold code, a 256 KiB stack): one level costs the decoder 850 to
   * 1,420 bytes of stack, so 512 levels take at most about 725 KiB of the 1 MiB default stack of an
   * I/O thread; 1,000 levels (up to 1.4 MiB) would not fit.
   */
  public static final int MAX_DEPTH = 512;

  static {
    // Kryo reaches for sun.misc.Unsafe when it can; from JDK 24 on, that prints a warning in every
    // process that uses kaa-rpc. Its safe code path is used instead, unless the user chose.
    if (Runtime.version().feature() >= 24 && System.getProperty("kryo.unsafe") == null) {
      System.setProperty("kryo.unsafe", "false");
    }
  }

  final Kryo kryo;
  final Output output = new Output(INITIAL_BUFFER, -1);
  final BoundedInput input = new BoundedInput();
  boolean inUse;
  /**
   * Frames up to this size are copied into {@link #smallFrames}, an array made once per decoding
   * thread (an I/O thread) at its first frame and kept for good, so their copy allocates nothing
   * and is not charged to their budget.
   */
  private static final int COPY_FREE = 64 * 1024;

  private byte[] smallFrames;
  private byte[] scratch = new byte[0];

  KryoSession(AllowList allowList) {
    AllowListClassResolver resolver = new AllowListClassResolver(allowList);
    kryo = new Kryo(resolver, null);
    kryo.setRegistrationRequired(false);
    kryo.setWarnUnregisteredClasses(false);
    kryo.setReferences(false);
    kryo.setMaxDepth(MAX_DEPTH);
    kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
    kryo.addDefaultSerializer(
        Object[].class,
        new SerializerFactory.BaseSerializerFactory<Serializer<Object[]>>() {
          @Override
          @SuppressWarnings("rawtypes") // Kryo's factory signature
          public Serializer<Object[]> newSerializer(Kryo kryo, Class type) {
            // Every object array, String[] and user arrays included, with its usual serializer,
            // behind a check of the length the peer claims.
            Serializer delegate =
                type == String[].class
                    ? new DefaultArraySerializers.StringArraySerializer()
                    : new DefaultArraySerializers.ObjectArraySerializer(kryo, type);
            @SuppressWarnings("unchecked")
            Serializer<Object[]> bounded =
                new BoundedSerializer<>(delegate, RegisteredTypes.OBJECT_ARRAY);
            return bounded;
          }
        });
    BuiltinTypes.register(kryo, allowList);
    resolver.startAliasing();
  }

  /** The Kryo instance. */
  public Kryo kryo() {
    return kryo;
  }

  /** The output buffer, reset and ready to write. */
  public Output output() {
    output.reset();
    return output;
  }

  /**
   * A scratch array of at least {@code size} bytes, for copying a frame of {@code size} bytes
   * before reading it, and starts the frame's {@link FrameBudget}, charging it {@link
   * #frameCopyCost}: whether the array must grow or not, so that what a frame is charged does not
   * depend on the frames before it, and its sender can compute it ({@link #measureWritten}).
   */
  public byte[] scratchForFrame(int size) {
    if (size <= COPY_FREE) {
      if (smallFrames == null) {
        smallFrames = new byte[COPY_FREE]; // once per thread, not per frame
      }
      input.budget.start(size, frameCopyCost(size));
      return smallFrames;
    }
    if (scratch.length < size) {
      scratch = new byte[size]; // exactly: its cost is charged, not a doubled one
    }
    input.budget.start(size, frameCopyCost(size));
    return scratch;
  }

  /**
   * What the copy of a frame of {@code size} bytes is charged: nothing up to {@link #COPY_FREE}
   * (the kept array holds it), otherwise the array it may need.
   */
  private static long frameCopyCost(int size) {
    return size <= COPY_FREE ? 0 : FrameBudget.ARRAY + size;
  }

  /**
   * An input over the frame just written to {@link #output} (its body: {@code length} bytes from
   * {@code offset}), to decode it here exactly as the receiver will, with the frame's {@link
   * FrameBudget} only measuring (see {@link #measuredCost}). The receiver is assumed in its costliest
   * state: its character buffer is as small as it gets. Kryo's state of the write is reset first.
   */
  public Input measureWritten(int frameBytes, int offset, int length) {
    kryo.reset();
    if (input.charsLength() > 32) {
      input.dropChars();
    }
    input.budget.measure(frameBytes, frameCopyCost(frameBytes));
    input.setBuffer(output.getBuffer(), offset, length);
    return input;
  }

  /** What decoding the frame given to {@link #measureWritten} was charged so far. */
  public long measuredCost() {
    return input.budget.spent();
  }

  /** An input reading {@code length} bytes of {@code bytes} from {@code offset}. */
  public Input input(byte[] bytes, int offset, int length) {
    input.setBuffer(bytes, offset, length);
    return input;
  }

  /** Charges {@code bytes} that decoding the frame allocates outside Kryo. */
  public void charge(long bytes) {
    input.charge(bytes);
  }

  void afterUse() {
    kryo.reset();
    if (output.getBuffer().length > KEEP_BUFFER) {
      output.setBuffer(new byte[INITIAL_BUFFER], -1);
    }
    if (scratch.length > KEEP_BUFFER) {
      scratch = new byte[0]; // the empty array is shared by the JVM: nothing is allocated
    }
    input.setBuffer(scratch, 0, 0);
    input.budget.stop();
    if (input.charsLength() > KEEP_BUFFER) {
      input.dropChars();
    }
  }
}
