package io.github.relayllm.kernels.cpu;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Widens runs of 16-bit floats (binary16 and bfloat16, little-endian as GGUF stores them) to floats,
 * exactly, from memory to memory (so no vector crosses a method boundary; see {@link LaneMath}).
 * binary16 takes {@link Float#float16ToFloat} in a loop C2 vectorizes; bfloat16, the upper half of a
 * float, a shift in integer lanes of the preferred species.
 */
final class HalfFloatVectors {
    static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> INTS = VectorSpecies.of(int.class, FLOATS.vectorShape());
    private static final VectorSpecies<Short> SHORTS =
            VectorSpecies.of(short.class, VectorShape.forBitSize(FLOATS.vectorBitSize() / 2));
    private static final ValueLayout.OfShort HALF = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ByteOrder LITTLE = ByteOrder.LITTLE_ENDIAN;

    private HalfFloatVectors() {}

    /**
     * Widens {@code count} binary16 numbers at byte {@code srcOffset} into floats at {@code dstOffset}:
     * a plain loop, which C2 compiles to the CPU's packed conversion. Integer lanes and a multiplication
     * by 2^112, the other exact way, hand subnormal halves to the multiplication as subnormal floats,
     * for which x86 takes a microcode assist of some 150 cycles (see {@code F16MatMul}).
     */
    static void widenHalves(MemorySegment src, long srcOffset, MemorySegment dst, long dstOffset, int count) {
        for (int i = 0; i < count; i++) {
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
