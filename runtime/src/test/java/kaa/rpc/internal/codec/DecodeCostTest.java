package kaa.rpc.internal.codec;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.kryo5.io.Output;
import java.util.List;
import kaa.rpc.internal.serial.AllowList;
import kaa.rpc.internal.serial.KryoSession;
import kaa.rpc.internal.serial.Serialization;
import org.junit.jupiter.api.Test;

/**
 * The known costs of flat values, which let a sender skip the measuring decode, are never below
 * what the receiver's own decode is charged.
 */
class DecodeCostTest {
  private final Serialization serialization = new Serialization(AllowList.forEndpoint(List.of()));

  private static final Object[][] ARGUMENTS = {
    {new byte[300]},
    {new byte[4096]},
    {new byte[1 << 20]},
    {new byte[0], new byte[5000], null, 7, 8L, 9.5, true, 'c', (short) 3, (byte) 4, 1.5f},
    {new byte[2000], new byte[2000], new byte[2000]},
    {null, null, new byte[400]},
    many(null), // the argument array's charge, larger than the frame's values
    many(new byte[0]),
    many(500_000),
  };

  /** 10,000 arguments, each {@code value}. */
  private static Object[] many(Object value) {
    Object[] args = new Object[10_000];
    java.util.Arrays.fill(args, value);
    return args;
  }

  /** What the receiver is charged for the call frame just written, and the bound of its args. */
  private void assertBoundCoversCharge(String name, Object[] args) {
    KryoSession s = serialization.borrow();
    try {
      Output out = s.output();
      Wire.header(out, Messages.CALL, 1);
      FunctionNames.encode(out, name);
      out.writeVarInt(args.length, true);
      for (Object arg : args) {
        s.kryo().writeClassAndObject(out, arg);
      }
      int frameBytes = out.position() - 4;
      long charged = DecodeCost.of(s, out);
      long bound = DecodeCost.argumentsBound(frameBytes, name, args);
      assertTrue(charged > 0, "measured");
      assertTrue(
          bound >= charged, name + ": bound " + bound + " < charged " + charged + " of call");
    } finally {
      serialization.release(s);
    }
  }

  @Test
  void theBoundOfFlatArgumentsCoversTheirCharge() {
    for (Object[] args : ARGUMENTS) {
      assertBoundCoversCharge("echo", args);
      assertBoundCoversCharge("x".repeat(90), args);
      assertBoundCoversCharge("\u4e2d".repeat(90), args); // 3 UTF-8 bytes a char
    }
  }

  @Test
  void theBoundOfAFlatResultCoversItsCharge() {
    for (Object value : new Object[] {new byte[300], new byte[4096], new byte[1 << 20], 500_000}) {
      KryoSession s = serialization.borrow();
      try {
        Output out = s.output();
        Wire.header(out, Messages.RESULT, 1);
        s.kryo().writeClassAndObject(out, value);
        if (value instanceof Integer) {
          out.writeBytes(new byte[300]); // padding only, to be measured at all
        }
        int frameBytes = out.position() - 4;
        long charged = DecodeCost.of(s, out);
        long bound = DecodeCost.resultBound(frameBytes, value);
        assertTrue(charged > 0, "measured");
        assertTrue(bound >= charged, "bound " + bound + " < charged " + charged + " of result");
      } finally {
        serialization.release(s);
      }
    }
  }

  @Test
  void otherValuesHaveNoKnownCost() {
    assertTrue(DecodeCost.flatBound("text") < 0);
    assertTrue(DecodeCost.flatBound(new int[3]) < 0);
    assertTrue(DecodeCost.flatBound(List.of()) < 0);
    assertTrue(DecodeCost.flatBound(new Object[0]) < 0);
    assertTrue(DecodeCost.argumentsBound(1000, "f", new Object[] {1, "text"}) < 0);
    assertTrue(DecodeCost.resultBound(1000, List.of(1)) < 0);
  }
}
