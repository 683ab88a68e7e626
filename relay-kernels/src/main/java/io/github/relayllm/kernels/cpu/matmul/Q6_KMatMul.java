package io.github.relayllm.kernels.cpu.matmul;

import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.BYTES;
import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.FLOATS;
import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.LANES;

import io.github.relayllm.kernels.tensor.DType;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;

/**
 * {@link DType#Q6_K} weights: super-blocks of 256 in 210 bytes; 6-bit quants split into 4 low bits
 * ({@code ql}) and 2 high bits ({@code qh}), sixteen sub-blocks of 16 with an int8 scale, {@code w = d
 * * sc * (q - 32)} (layout drawn in the codec's Javadoc). The product has at most 24 significant bits,
 * so it is exact and equals the reference decoder's.
 *
 * <p>Each half of a super-block (128 weights) is four quarters of 32. Quarter {@code t} takes its low
 * bits from the half's {@code ql} bytes from {@code 32 (t mod 2)} (low nibbles for {@code t < 2}, high
 * ones after) and its high bits from bits {@code 2t, 2t + 1} of the half's 32 {@code qh} bytes.
 */
final class Q6_KMatMul extends StagedBlockQuantMatMul {
    private static final int SUPER_BLOCK = 256;
    private static final int SUPER_BLOCK_BYTES = 210;
    private static final int HALVES = 2;
    private static final int HALF = 128;
    private static final int SUB_BLOCK = 16;
    private static final int HIGH_BITS = 128;
    private static final int SCALES = 192;
    private static final int D = 208;
    private static final int QUARTERS = 4;
    private static final int QUARTER = 32;
    private static final ByteVector TWO_BITS = ByteLanes.constant(3);
    private static final ByteVector THIRTY_TWO = ByteLanes.constant(32);

    Q6_KMatMul() {
        super(DType.Q6_K);
    }

    @Override
    void decodeRow(byte[] rows, int start, int k, float[] dst, int offset) {
        int superBlocks = k / SUPER_BLOCK;
        for (int b = 0; b < superBlocks; b++) {
            int block = start + b * SUPER_BLOCK_BYTES;
            float d = HalfFloatTable.read(rows, block + D);
            for (int half = 0; half < HALVES; half++) {
                for (int t = 0; t < QUARTERS; t++) {
                    int element = half * HALF + t * QUARTER;
                    for (int g = 0; g < QUARTER; g += BYTES.length()) {
                        ByteLanes.store(
                                quants(rows, block, half, t, g),
                                scale(rows, block, d, element + g),
                                dst,
                                offset + b * SUPER_BLOCK + element + g);
                    }
                }
            }
        }
    }

    @Override
    int fusedColumns() {
        return 2;
    }

    @Override
    void dot(byte[][] rows, float[] x, int xStart, int k, float[] sums) {
        byte[] w0 = rows[0];
        byte[] w1 = rows[1];
        FloatVector a0 = FloatVector.zero(FLOATS);
        FloatVector a1 = a0;
        int superBlocks = k / SUPER_BLOCK;
        for (int b = 0; b < superBlocks; b++) {
            int block = b * SUPER_BLOCK_BYTES;
            float d0 = HalfFloatTable.read(w0, block + D);
            float d1 = HalfFloatTable.read(w1, block + D);
            for (int half = 0; half < HALVES; half++) {
                for (int t = 0; t < QUARTERS; t++) {
                    int element = half * HALF + t * QUARTER;
                    for (int g = 0; g < QUARTER; g += BYTES.length()) {
                        int input = xStart + b * SUPER_BLOCK + element + g;
                        FloatVector scale0 = scale(w0, block, d0, element + g);
                        FloatVector scale1 = scale(w1, block, d1, element + g);
                        a0 = ByteLanes.fma(quants(w0, block, half, t, g), scale0, x, input, a0);
                        a1 = ByteLanes.fma(quants(w1, block, half, t, g), scale1, x, input, a1);
                    }
                }
            }
        }
        a0.intoArray(sums, 0);
        a1.intoArray(sums, LANES);
    }

    /**
     * {@code q - 32} for elements {@code g} onwards of quarter {@code t} of half {@code half}: the low
     * bits from the half's {@code ql} bytes from {@code 32 (t mod 2)} (low nibbles for {@code t < 2}),
     * the high bits from bits {@code 2t} and {@code 2t + 1} of its {@code qh} bytes.
     */
    private static ByteVector quants(byte[] rows, int block, int half, int t, int g) {
        int lowBits = block + half * 2 * QUARTER + (t % 2) * QUARTER + g;
        int highBits = block + HIGH_BITS + half * QUARTER + g;
        ByteVector low = ByteLanes.nibbles(ByteLanes.load(rows, lowBits), 4 * (t / 2));
        ByteVector high =
                ByteLanes.shiftRight(ByteLanes.load(rows, highBits), 2 * t).and(TWO_BITS);
        // high holds bits 0 and 1 only, so its 16-bit shift moves nothing into the next byte.
        return low.or(ByteLanes.shiftLeft(high, 4)).sub(THIRTY_TWO);
    }

    /**
     * {@code d * sc} for the sub-block of {@code element}, in every lane. A load of quant bytes starts
     * at a multiple of 8 weights and spans at most 16, so it lies within one sub-block.
     */
    private static FloatVector scale(byte[] rows, int block, float d, int element) {
        return FloatVector.broadcast(FLOATS, d * rows[block + SCALES + element / SUB_BLOCK]);
    }
}
