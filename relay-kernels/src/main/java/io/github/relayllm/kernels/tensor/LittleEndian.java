package io.github.relayllm.kernels.tensor;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Reads and writes the fields of GGML blocks: little-endian whatever the host, and unaligned (an
 * 18-byte Q4_0 block puts its fields at any address). Offsets are absolute byte offsets in the segment.
 */
final class LittleEndian {
    private static final ValueLayout.OfShort INT16 =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt INT32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong INT64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfFloat FLOAT32 =
            ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfDouble FLOAT64 =
            ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private LittleEndian() {}

    static int unsignedByte(MemorySegment segment, long offset) {
        return Byte.toUnsignedInt(segment.get(ValueLayout.JAVA_BYTE, offset));
    }

    static int signedByte(MemorySegment segment, long offset) {
        return segment.get(ValueLayout.JAVA_BYTE, offset);
    }

    static short int16(MemorySegment segment, long offset) {
        return segment.get(INT16, offset);
    }

    static int int32(MemorySegment segment, long offset) {
        return segment.get(INT32, offset);
    }

    static long int64(MemorySegment segment, long offset) {
        return segment.get(INT64, offset);
    }

    static float float32(MemorySegment segment, long offset) {
        return segment.get(FLOAT32, offset);
    }

    static double float64(MemorySegment segment, long offset) {
        return segment.get(FLOAT64, offset);
    }

    /** The binary16 number at {@code offset}, widened to a float. */
    static float half(MemorySegment segment, long offset) {
        return HalfFloats.halfToFloat(segment.get(INT16, offset));
    }

    /** Writes the low 8 bits of {@code value}, as a C cast to {@code uint8_t} or {@code int8_t} would. */
    static void putByte(MemorySegment segment, long offset, int value) {
        segment.set(ValueLayout.JAVA_BYTE, offset, (byte) value);
    }

    /** Writes the low 16 bits of {@code value}. */
    static void putInt16(MemorySegment segment, long offset, int value) {
        segment.set(INT16, offset, (short) value);
    }

    static void putInt32(MemorySegment segment, long offset, int value) {
        segment.set(INT32, offset, value);
    }

    static void putFloat32(MemorySegment segment, long offset, float value) {
        segment.set(FLOAT32, offset, value);
    }

    static void putFloat64(MemorySegment segment, long offset, double value) {
        segment.set(FLOAT64, offset, value);
    }

    /** Writes {@code value} rounded to binary16 as GGML does ({@link HalfFloats#floatToHalf}). */
    static void putHalf(MemorySegment segment, long offset, float value) {
        segment.set(INT16, offset, HalfFloats.floatToHalf(value));
    }
}
