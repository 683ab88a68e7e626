package io.github.relayllm.kernels.cpu.matmul;

import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.BYTES;
import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.FLOATS;

import io.github.relayllm.kernels.tensor.DType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;

/**
 * {@link DType#Q6_K} weights: super-blocks of 256 in 210 bytes; 6-bit quants split into 4 low bits
 * ({@code ql}) and 2 high bits ({@code qh}), sixteen sub-blocks of 16 with an int8 scale, {@code w = d
 * * sc * (q - 32)} (layout drawn in the codec's Javadoc). The product has at most 24 significant bits,
 * so it is exact and equals the reference decoder's.
 *
 * <p>Each half of a super-block (128 weights) is four quarters of 32: quarter {@code t} takes its low
 * bits from 32 bytes of {@code ql} (low nibbles for {@code t < 2}, high ones after) and its high bits
 * from bits {@code 2t, 2t + 1} of the half's 32 bytes of {@code qh}.
 */
final class Q6_KMatMul extends BlockQuantMatMul {
    private static final int SUPER_BLOCK = 256;
    private static final int SUPER_BLOCK_BYTES = 210;
    private static final int HALVES = 2;
    private static final int HALF = 128;
    private static final int QUARTERS = 4;
    private static final int QUARTER = 32;
    private static final int SUB_BLOCK = 16;
    private static final int HIGH_BITS = 128;
    private static final int SCALES = 192;
    private static final int D = 208;
    private static final byte HIGH_MASK = 0x30;
    private static final byte OFFSET = 32;

    Q6_KMatMul() {
        super(DType.Q6_K);
    }

    @Override
    void decode(MemorySegment row, int k, float[] dst, int offset) {
        int superBlocks = k / SUPER_BLOCK;
        for (int b = 0; b < superBlocks; b++) {
            int block = b * SUPER_BLOCK_BYTES;
            float d = HalfFloatTable.read(row, block + D);
            for (int half = 0; half < HALVES; half++) {
                for (int t = 0; t < QUARTERS; t++) {
                    for (int g = 0; g < QUARTER; g += BYTES.length()) {
                        int element = half * HALF + t * QUARTER + g;
                        ByteLanes.widenScaled(
                                quants(row, block, half, t, g),
                                scale(row, block, d, element),
                                dst,
                                offset + b * SUPER_BLOCK + element);
                    }
                }
            }
        }
    }

    @Override
    void dotFour(
            MemorySegment w0,
            MemorySegment w1,
            MemorySegment w2,
            MemorySegment w3,
            MemorySegment x,
            int k,
            float[] sums) {
        FloatVector a0 = FloatVector.zero(FLOATS);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        int superBlocks = k / SUPER_BLOCK;
        for (int b = 0; b < superBlocks; b++) {
            int block = b * SUPER_BLOCK_BYTES;
            float d0 = HalfFloatTable.read(w0, block + D);
            float d1 = HalfFloatTable.read(w1, block + D);
            float d2 = HalfFloatTable.read(w2, block + D);
            float d3 = HalfFloatTable.read(w3, block + D);
            for (int half = 0; half < HALVES; half++) {
                for (int t = 0; t < QUARTERS; t++) {
                    for (int g = 0; g < QUARTER; g += BYTES.length()) {
                        int element = half * HALF + t * QUARTER + g;
                        long input = (long) (b * SUPER_BLOCK + element) * Float.BYTES;
                        a0 = ByteLanes.fmaScaled(
                                quants(w0, block, half, t, g), scale(w0, block, d0, element), x, input, a0);
                        a1 = ByteLanes.fmaScaled(
                                quants(w1, block, half, t, g), scale(w1, block, d1, element), x, input, a1);
                        a2 = ByteLanes.fmaScaled(
                                quants(w2, block, half, t, g), scale(w2, block, d2, element), x, input, a2);
                        a3 = ByteLanes.fmaScaled(
                                quants(w3, block, half, t, g), scale(w3, block, d3, element), x, input, a3);
                    }
                }
            }
        }
        sums[0] = KernelSpecies.sum(a0);
        sums[1] = KernelSpecies.sum(a1);
        sums[2] = KernelSpecies.sum(a2);
        sums[3] = KernelSpecies.sum(a3);
    }

    /** {@code q - 32} for elements {@code 128 half + 32 t + g} onwards of the super-block. */
    private static ByteVector quants(MemorySegment row, int block, int half, int t, int g) {
        ByteVector low = ByteLanes.load(row, block + half * 2 * QUARTER + (t % 2) * QUARTER + g);
        ByteVector high = ByteLanes.load(row, block + HIGH_BITS + half * QUARTER + g);
        ByteVector lowBits = t < 2 ? ByteLanes.lowNibbles(low) : ByteLanes.highNibbles(low);
        // Bits 2t and 2t + 1 of qh to bits 4 and 5: shifts on 16-bit lanes, the mask drops what crossed.
        ByteVector highBits = switch (t) {
            case 0 -> ByteLanes.shiftLeft(high, 4);
            case 1 -> ByteLanes.shiftLeft(high, 2);
            case 2 -> high;
            default -> ByteLanes.shiftRight(high, 2);
        };
        return lowBits.or(highBits.and(HIGH_MASK)).sub(OFFSET);
    }

    /**
     * {@code d * sc} for the sub-block of {@code element}, in every lane. A load of quant bytes starts
     * at a multiple of 8 weights and spans at most 16, so it lies within one sub-block.
     */
    private static FloatVector scale(MemorySegment row, int block, float d, int element) {
        return FloatVector.broadcast(FLOATS, d * row.get(ValueLayout.JAVA_BYTE, block + SCALES + element / SUB_BLOCK));
    }
}
