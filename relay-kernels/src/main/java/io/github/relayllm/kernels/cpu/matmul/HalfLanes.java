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
 * <p>The Vector API has no binary16 lanes, so binary16 goes through integer lanes: sign-extended to
 * 32 bits and shifted left by 13, a half's sign, exponent and mantissa land in a float's sign bit and
 * the low bits of its exponent and mantissa fields, with copies of the sign between them that one
 * mask clears; the all-ones exponent is set for infinities and NaNs; then one multiplication by
 * 2<sup>112</sup> rebiases normal and subnormal numbers exactly, sign included (and leaves infinities
 * and NaNs as they are): seven vector operations, one fewer than putting the sign back apart. The
 * values are those of {@link Float#float16ToFloat} bit for bit, except that a signalling NaN comes out
 * quiet (as C2's compiled {@code float16ToFloat} returns it, and as any arithmetic on it would).
 */
final class HalfLanes {
    private static final ByteOrder LITTLE_ENDIAN = ByteOrder.LITTLE_ENDIAN;
    private static final int MANTISSA_SHIFT = 13;
    // Constant vectors: cheaper for C2 to compile than scalar operands (see ByteLanes).
    // The sign bit and the shifted exponent and mantissa; clears the sign's copies in bits 28 to 30.
    private static final IntVector SIGN_AND_MAGNITUDE =
            IntVector.broadcast(INTS, 0x8000_0000 | 0x7fff << MANTISSA_SHIFT);
    private static final IntVector HALF_EXPONENT = IntVector.broadcast(INTS, 0x7c00);
    private static final IntVector FLOAT_EXPONENT = IntVector.broadcast(INTS, 0x7f80_0000);
    private static final FloatVector REBIAS = FloatVector.broadcast(FLOATS, 0x1p112f);

    private HalfLanes() {}

    /** The binary16 numbers at byte {@code offset} of {@code segment}, widened. */
    static FloatVector binary16(MemorySegment segment, long offset) {
        // Sign-extended, so the sign lands in bit 31 (and in bits 28 to 30, cleared by the mask).
        IntVector bits = signExtended(segment, offset);
        IntVector shifted = bits.lanewise(VectorOperators.LSHL, MANTISSA_SHIFT).and(SIGN_AND_MAGNITUDE);
        IntVector special = shifted.lanewise(
                VectorOperators.OR, FLOAT_EXPONENT, bits.and(HALF_EXPONENT).compare(VectorOperators.EQ, HALF_EXPONENT));
        return special.reinterpretAsFloats().mul(REBIAS);
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
