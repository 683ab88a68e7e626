package io.github.relayllm.kernels.cpu.matmul;

import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.BYTES;
import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.FLOATS;
import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.FLOAT_VECTORS_PER_BYTES;
import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.LANES;

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
 *
 * <p>About the shape of the code that uses these: C2 stops inlining into a method once parsing it
 * has made about 18,000 IR nodes, and each Vector API operation makes 400 to 1,200 of them. A vector
 * operation left as a call boxes its vectors and runs 20 times slower. So each decoder keeps one copy
 * of its vector code in a loop (the nibble or bit field to take is a loop variable, not a branch or
 * an unrolled copy), and operands that never change are constant vectors.
 */
final class ByteLanes {
    private static final ByteVector NIBBLE = constant(0x0f);

    private ByteLanes() {}

    /** {@link KernelSpecies#BYTES} bytes of {@code bytes} from {@code offset}. */
    static ByteVector load(byte[] bytes, int offset) {
        return ByteVector.fromArray(BYTES, bytes, offset);
    }

    /** {@link KernelSpecies#BYTES} bytes of {@code segment} from byte {@code offset}. */
    static ByteVector load(MemorySegment segment, long offset) {
        return ByteVector.fromMemorySegment(BYTES, segment, offset, ByteOrder.LITTLE_ENDIAN);
    }

    /** Each byte shifted right by {@code bits} (below 8), with bits of its upper neighbour on top. */
    static ByteVector shiftRight(ByteVector bytes, int bits) {
        return bytes.reinterpretAsShorts().lanewise(VectorOperators.LSHR, bits).reinterpretAsBytes();
    }

    /** Each byte shifted left by {@code bits} (below 8), with bits of its lower neighbour below. */
    static ByteVector shiftLeft(ByteVector bytes, int bits) {
        return bytes.reinterpretAsShorts().lanewise(VectorOperators.LSHL, bits).reinterpretAsBytes();
    }

    /** The nibble {@code shift} bits up in each byte (0: the low nibble, 4: the high one), as 0 to 15. */
    static ByteVector nibbles(ByteVector bytes, int shift) {
        return shiftRight(bytes, shift).and(NIBBLE);
    }

    /** {@code value} in every lane: a constant, cheaper for C2 to compile than a scalar operand. */
    static ByteVector constant(int value) {
        return ByteVector.broadcast(BYTES, (byte) value);
    }

    /**
     * Float vector {@code part} of the signed bytes widened: bytes {@code part * LANES} onwards. Pass a
     * literal {@code part}: C2 intrinsifies a conversion only when its part is a constant.
     */
    static FloatVector widen(ByteVector bytes, int part) {
        return (FloatVector) bytes.convertShape(VectorOperators.B2F, FLOATS, part);
    }

    /** Stores {@code quants * scale} into {@code dst} from {@code index}: {@code BYTES.length()} floats. */
    static void store(ByteVector quants, FloatVector scale, float[] dst, int index) {
        widen(quants, 0).mul(scale).intoArray(dst, index);
        if (FLOAT_VECTORS_PER_BYTES == 2) {
            widen(quants, 1).mul(scale).intoArray(dst, index + LANES);
        }
    }

    /** Stores {@code quants * scale + shift}, rounded once, as {@link #store} does. */
    static void storeShifted(ByteVector quants, FloatVector scale, FloatVector shift, float[] dst, int index) {
        widen(quants, 0).fma(scale, shift).intoArray(dst, index);
        if (FLOAT_VECTORS_PER_BYTES == 2) {
            widen(quants, 1).fma(scale, shift).intoArray(dst, index + LANES);
        }
    }

    /**
     * {@code acc + (quants * scale) * x}, {@code x} the floats of {@code x} from index {@code offset}:
     * what the panel tiles do with stored weights, without storing them. Only when a byte load widens
     * to one float vector ({@link KernelSpecies#FLOAT_VECTORS_PER_BYTES} is 1).
     */
    static FloatVector fma(ByteVector quants, FloatVector scale, float[] x, int offset, FloatVector acc) {
        return widen(quants, 0).mul(scale).fma(FloatVector.fromArray(FLOATS, x, offset), acc);
    }

    /** {@code acc + (quants * scale + shift) * x}, as {@link #fma} does. */
    static FloatVector fmaShifted(
            ByteVector quants, FloatVector scale, FloatVector shift, float[] x, int offset, FloatVector acc) {
        return widen(quants, 0).fma(scale, shift).fma(FloatVector.fromArray(FLOATS, x, offset), acc);
    }
}
