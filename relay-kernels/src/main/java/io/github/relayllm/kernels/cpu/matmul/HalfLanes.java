package io.github.relayllm.kernels.cpu.matmul;

import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.FLOATS;
import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.INTS;
import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.SHORTS;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;

/**
 * 16-bit floats (binary16 and bfloat16, little-endian as GGUF stores them) widened to a float vector
 * in registers, {@link KernelSpecies#LANES} at a time, for kernels that multiply weights as they load
 * them.
 *
 * <p>The Vector API has no binary16 lanes, so binary16 goes through integer lanes: the exponent and
 * mantissa shifted into a float's positions, with the all-ones exponent set for infinities and NaNs,
 * then one multiplication by 2<sup>112</sup> rebiases normal and subnormal numbers exactly (and
 * leaves infinities and NaNs as they are), and the sign is put back: eight vector operations. The
 * values are those of {@link Float#float16ToFloat} bit for bit, except that a signalling NaN comes out
 * quiet (as C2's compiled {@code float16ToFloat} returns it, and as any arithmetic on it would).
 */
final class HalfLanes {
    private static final ByteOrder LITTLE_ENDIAN = ByteOrder.LITTLE_ENDIAN;
    private static final int MANTISSA_SHIFT = 13;
    // Constant vectors: cheaper for C2 to compile than scalar operands (see ByteLanes).
    private static final IntVector MAGNITUDE = IntVector.broadcast(INTS, 0x7fff << MANTISSA_SHIFT);
    private static final IntVector SIGN = IntVector.broadcast(INTS, 0x8000_0000);
    private static final IntVector FLOAT_EXPONENT = IntVector.broadcast(INTS, 0x7f80_0000);
    private static final IntVector HALF_EXPONENT = IntVector.broadcast(INTS, 0x7c00 << MANTISSA_SHIFT);
    private static final FloatVector REBIAS = FloatVector.broadcast(FLOATS, 0x1p112f);

    private HalfLanes() {}

    /** The binary16 numbers at byte {@code offset} of {@code segment}, widened. */
    static FloatVector binary16(MemorySegment segment, long offset) {
        // Sign-extended, so the sign lands in bit 31 and above the shifted magnitude.
        IntVector bits = signExtended(segment, offset);
        IntVector shifted = bits.lanewise(VectorOperators.LSHL, MANTISSA_SHIFT).and(MAGNITUDE);
        IntVector special = shifted.lanewise(
                VectorOperators.OR, FLOAT_EXPONENT, shifted.compare(VectorOperators.GE, HALF_EXPONENT));
        return special.reinterpretAsFloats()
                .mul(REBIAS)
                .reinterpretAsInts()
                .or(bits.and(SIGN))
                .reinterpretAsFloats();
    }

    /** The bfloat16 numbers at byte {@code offset} of {@code segment}, widened: each the upper half of a float. */
    static FloatVector bfloat16(MemorySegment segment, long offset) {
        return signExtended(segment, offset).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
    }

    private static IntVector signExtended(MemorySegment segment, long offset) {
        return (IntVector) ShortVector.fromMemorySegment(SHORTS, segment, offset, LITTLE_ENDIAN)
                .convertShape(VectorOperators.S2I, INTS, 0);
    }
}
