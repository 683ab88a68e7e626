package io.github.relayllm.kernels.cpu.matmul;

import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.BYTES;
import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.FLOATS;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Operations on vectors of quant bytes ({@link KernelSpecies#BYTES}): loading, splitting nibbles and
 * bit fields, widening to floats.
 *
 * <p>x86 has no byte shifts, and C2 emulates a lane-wise byte shift with several instructions; the
 * shifts here shift 16-bit lanes instead and leave the caller to mask off the bits that crossed from
 * the neighbouring byte, one instruction each.
 */
final class ByteLanes {
    private static final ByteOrder LITTLE_ENDIAN = ByteOrder.LITTLE_ENDIAN;

    private ByteLanes() {}

    /** {@link KernelSpecies#BYTES} bytes of {@code segment} from {@code offset}. */
    static ByteVector load(MemorySegment segment, long offset) {
        return ByteVector.fromMemorySegment(BYTES, segment, offset, LITTLE_ENDIAN);
    }

    /** Each byte shifted right by {@code bits} (below 8), with bits of its upper neighbour on top. */
    static ByteVector shiftRight(ByteVector bytes, int bits) {
        return bytes.reinterpretAsShorts().lanewise(VectorOperators.LSHR, bits).reinterpretAsBytes();
    }

    /** Each byte shifted left by {@code bits} (below 8), with bits of its lower neighbour below. */
    static ByteVector shiftLeft(ByteVector bytes, int bits) {
        return bytes.reinterpretAsShorts().lanewise(VectorOperators.LSHL, bits).reinterpretAsBytes();
    }

    /** The low four bits of each byte. */
    static ByteVector lowNibbles(ByteVector bytes) {
        return bytes.and((byte) 0x0f);
    }

    /** The high four bits of each byte, as values 0 to 15. */
    static ByteVector highNibbles(ByteVector bytes) {
        return shiftRight(bytes, 4).and((byte) 0x0f);
    }

    /**
     * Float vector {@code part} of the signed bytes widened: bytes {@code part * LANES} to {@code
     * (part + 1) * LANES - 1}; {@code part} is below {@link KernelSpecies#FLOAT_VECTORS_PER_BYTES}.
     */
    static FloatVector toFloats(ByteVector bytes, int part) {
        return (FloatVector) bytes.convertShape(VectorOperators.B2F, FLOATS, part);
    }
}
