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
 */
final class ByteLanes {
    private static final ByteOrder LITTLE_ENDIAN = ByteOrder.LITTLE_ENDIAN;
    private static final ByteOrder NATIVE_ORDER = ByteOrder.nativeOrder();

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
     * Stores {@code quants * scale}, the signed bytes widened to floats, into {@code dst} from {@code
     * index}: {@code BYTES.length()} floats.
     */
    static void widenScaled(ByteVector quants, FloatVector scale, float[] dst, int index) {
        // Literal part numbers: C2 intrinsifies a conversion only when its part is a constant.
        widen(quants, 0).mul(scale).intoArray(dst, index);
        if (FLOAT_VECTORS_PER_BYTES == 2) {
            widen(quants, 1).mul(scale).intoArray(dst, index + LANES);
        }
    }

    /** Stores {@code quants * scale + shift}, rounded once, as {@link #widenScaled} does. */
    static void widenScaledShifted(ByteVector quants, FloatVector scale, FloatVector shift, float[] dst, int index) {
        widen(quants, 0).fma(scale, shift).intoArray(dst, index);
        if (FLOAT_VECTORS_PER_BYTES == 2) {
            widen(quants, 1).fma(scale, shift).intoArray(dst, index + LANES);
        }
    }

    /**
     * {@code acc} plus the products of {@code quants * scale} (widened as {@link #widenScaled} stores
     * them) with the floats of {@code x} from byte {@code xOffset}, one fused multiply-add per vector
     * in order: what the panel tiles do with the stored weights, without storing them.
     */
    static FloatVector fmaScaled(ByteVector quants, FloatVector scale, MemorySegment x, long xOffset, FloatVector acc) {
        FloatVector sum = widen(quants, 0).mul(scale).fma(input(x, xOffset), acc);
        if (FLOAT_VECTORS_PER_BYTES == 2) {
            sum = widen(quants, 1).mul(scale).fma(input(x, xOffset + LANES * Float.BYTES), sum);
        }
        return sum;
    }

    /** As {@link #fmaScaled}, for weights {@code quants * scale + shift}. */
    static FloatVector fmaScaledShifted(
            ByteVector quants, FloatVector scale, FloatVector shift, MemorySegment x, long xOffset, FloatVector acc) {
        FloatVector sum = widen(quants, 0).fma(scale, shift).fma(input(x, xOffset), acc);
        if (FLOAT_VECTORS_PER_BYTES == 2) {
            sum = widen(quants, 1).fma(scale, shift).fma(input(x, xOffset + LANES * Float.BYTES), sum);
        }
        return sum;
    }

    private static FloatVector input(MemorySegment x, long offset) {
        return FloatVector.fromMemorySegment(FLOATS, x, offset, NATIVE_ORDER);
    }

    private static FloatVector widen(ByteVector bytes, int part) {
        return (FloatVector) bytes.convertShape(VectorOperators.B2F, FLOATS, part);
    }
}
