package io.github.relayllm.kernels.cpu;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Widens runs of 16-bit floats (binary16 and bfloat16, little-endian as GGUF stores them) to floats,
 * exactly, a vector of the preferred species at a time, from memory to memory (so no vector crosses a
 * method boundary; see {@link LaneMath}). The Vector API has no binary16 conversion, so
 * binary16 goes through integer lanes: shifting the exponent and mantissa into a float's positions and
 * multiplying by 2^112 rebiases normal and subnormal numbers in one exact step; infinities and NaNs
 * get the all-ones exponent back.
 */
final class HalfFloatVectors {
    static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> INTS = VectorSpecies.of(int.class, FLOATS.vectorShape());
    private static final VectorSpecies<Short> SHORTS =
            VectorSpecies.of(short.class, VectorShape.forBitSize(FLOATS.vectorBitSize() / 2));
    private static final ValueLayout.OfShort HALF = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final float REBIAS = 0x1p112f;
    private static final ByteOrder LITTLE = ByteOrder.LITTLE_ENDIAN;
    private static final int HALF_MAGNITUDE = 0x7fff;
    private static final int HALF_SIGN = 0x8000;
    private static final int HALF_INFINITY = 0x7c00;
    private static final int FLOAT_INFINITY = 0x7f80_0000;
    private static final int MANTISSA_SHIFT = 13;

    private HalfFloatVectors() {}

    /** Widens {@code count} binary16 numbers at byte {@code srcOffset} into floats at {@code dstOffset}. */
    static void widenHalves(MemorySegment src, long srcOffset, MemorySegment dst, long dstOffset, int count) {
        int lanes = FLOATS.length();
        int i = 0;
        for (; i <= count - lanes; i += lanes) {
            IntVector bits = (IntVector) ShortVector.fromMemorySegment(SHORTS, src, srcOffset + 2L * i, LITTLE)
                    .convertShape(VectorOperators.S2I, INTS, 0);
            IntVector magnitude = bits.and(HALF_MAGNITUDE);
            IntVector sign = bits.and(HALF_SIGN).lanewise(VectorOperators.LSHL, 16);
            IntVector shifted = magnitude.lanewise(VectorOperators.LSHL, MANTISSA_SHIFT);
            IntVector finite = shifted.reinterpretAsFloats().mul(REBIAS).reinterpretAsInts();
            VectorMask<Integer> special = magnitude.compare(VectorOperators.GE, HALF_INFINITY);
            IntVector widened =
                    finite.blend(shifted.or(FLOAT_INFINITY), special).or(sign);
            widened.reinterpretAsFloats().intoMemorySegment(dst, dstOffset + 4L * i, ByteOrder.nativeOrder());
        }
        for (; i < count; i++) {
            dst.set(FLOAT, dstOffset + 4L * i, Float.float16ToFloat(src.get(HALF, srcOffset + 2L * i)));
        }
    }

    /** Widens {@code count} bfloat16 numbers at byte {@code srcOffset} into floats at {@code dstOffset}. */
    static void widenBfloat16s(MemorySegment src, long srcOffset, MemorySegment dst, long dstOffset, int count) {
        int lanes = FLOATS.length();
        int i = 0;
        for (; i <= count - lanes; i += lanes) {
            IntVector bits = (IntVector) ShortVector.fromMemorySegment(SHORTS, src, srcOffset + 2L * i, LITTLE)
                    .convertShape(VectorOperators.S2I, INTS, 0);
            bits.lanewise(VectorOperators.LSHL, 16)
                    .reinterpretAsFloats()
                    .intoMemorySegment(dst, dstOffset + 4L * i, ByteOrder.nativeOrder());
        }
        for (; i < count; i++) {
            int bits = (src.get(HALF, srcOffset + 2L * i) & 0xffff) << 16;
            dst.set(FLOAT, dstOffset + 4L * i, Float.intBitsToFloat(bits));
        }
    }
}
