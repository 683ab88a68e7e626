package io.github.relayllm.kernels.cpu.matmul;

import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.BYTES;
import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.FLOATS;
import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.LANES;

import io.github.relayllm.kernels.tensor.DType;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;

/**
 * {@link DType#Q4_K} weights: super-blocks of 256 in 144 bytes; eight sub-blocks of 32 with a 6-bit
 * scale and minimum each ({@code w = d * sc * q - dmin * m}, layout drawn in the codec's Javadoc).
 * {@code d * sc * q} is exact, so one fused multiply-add per lane reproduces the reference decoder's
 * single rounding of the subtraction.
 *
 */
final class Q4_KMatMul extends StagedBlockQuantMatMul {
    private static final int SUPER_BLOCK = 256;
    private static final int SUPER_BLOCK_BYTES = 144;
    private static final int SUB_BLOCKS = 8;
    private static final int SUB_BLOCK = 32;
    private static final int DMIN = 2;
    private static final int SCALES = 4;
    private static final int QUANTS = 16;

    Q4_KMatMul() {
        super(DType.Q4_K);
    }

    @Override
    void decodeRow(byte[] rows, int start, int k, float[] dst, int offset) {
        int superBlocks = k / SUPER_BLOCK;
        for (int b = 0; b < superBlocks; b++) {
            int block = start + b * SUPER_BLOCK_BYTES;
            float d = HalfFloatTable.read(rows, block);
            float dmin = HalfFloatTable.read(rows, block + DMIN);
            for (int s = 0; s < SUB_BLOCKS; s++) {
                FloatVector scale = scale(rows, block, d, s);
                FloatVector shift = shift(rows, block, dmin, s);
                for (int g = 0; g < SUB_BLOCK; g += BYTES.length()) {
                    int element = b * SUPER_BLOCK + s * SUB_BLOCK + g;
                    ByteLanes.storeShifted(quants(rows, block, s, g), scale, shift, dst, offset + element);
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
            float d0 = HalfFloatTable.read(w0, block);
            float d1 = HalfFloatTable.read(w1, block);
            float dmin0 = HalfFloatTable.read(w0, block + DMIN);
            float dmin1 = HalfFloatTable.read(w1, block + DMIN);
            for (int s = 0; s < SUB_BLOCKS; s++) {
                FloatVector scale0 = scale(w0, block, d0, s);
                FloatVector scale1 = scale(w1, block, d1, s);
                FloatVector shift0 = shift(w0, block, dmin0, s);
                FloatVector shift1 = shift(w1, block, dmin1, s);
                for (int g = 0; g < SUB_BLOCK; g += BYTES.length()) {
                    int element = xStart + b * SUPER_BLOCK + s * SUB_BLOCK + g;
                    a0 = ByteLanes.fmaShifted(quants(w0, block, s, g), scale0, shift0, x, element, a0);
                    a1 = ByteLanes.fmaShifted(quants(w1, block, s, g), scale1, shift1, x, element, a1);
                }
            }
        }
        a0.intoArray(sums, 0);
        a1.intoArray(sums, LANES);
    }

    /**
     * The 4-bit quants of elements {@code g} onwards of sub-block {@code s}: sub-blocks {@code 2i} and
     * {@code 2i + 1} share the 32 bytes from {@code 32i}, the first in the low nibbles.
     */
    private static ByteVector quants(byte[] rows, int block, int s, int g) {
        return ByteLanes.nibbles(ByteLanes.load(rows, block + QUANTS + (s / 2) * SUB_BLOCK + g), 4 * (s % 2));
    }

    /** {@code d * sc} of sub-block {@code s}, in every lane (the product is exact). */
    private static FloatVector scale(byte[] rows, int block, float d, int s) {
        return FloatVector.broadcast(FLOATS, d * scale(rows, block, s));
    }

    /** {@code -(dmin * m)} of sub-block {@code s}, in every lane. */
    private static FloatVector shift(byte[] rows, int block, float dmin, int s) {
        return FloatVector.broadcast(FLOATS, -(dmin * min(rows, block, s)));
    }

    /** The 6-bit scale of sub-block {@code j}, packed as GGML's {@code get_scale_min_k4} reads it. */
    private static int scale(byte[] rows, int block, int j) {
        if (j < 4) {
            return scaleByte(rows, block, j) & 63;
        }
        return (scaleByte(rows, block, j + 4) & 0xf) | ((scaleByte(rows, block, j - 4) >>> 6) << 4);
    }

    /** The 6-bit minimum of sub-block {@code j}. */
    private static int min(byte[] rows, int block, int j) {
        if (j < 4) {
            return scaleByte(rows, block, j + 4) & 63;
        }
        return (scaleByte(rows, block, j + 4) >>> 4) | ((scaleByte(rows, block, j) >>> 6) << 4);
    }

    private static int scaleByte(byte[] rows, int block, int index) {
        return rows[block + SCALES + index] & 0xff;
    }
}
