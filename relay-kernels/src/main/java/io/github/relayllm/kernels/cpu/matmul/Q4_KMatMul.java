package io.github.relayllm.kernels.cpu.matmul;

import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.BYTES;
import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.FLOATS;

import io.github.relayllm.kernels.tensor.DType;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;

/**
 * {@link DType#Q4_K} weights: super-blocks of 256 in 144 bytes; eight sub-blocks of 32 with a 6-bit
 * scale and minimum each ({@code w = d * sc * q - dmin * m}, layout drawn in the codec's Javadoc).
 * {@code d * sc * q} is exact, so one fused multiply-add per lane reproduces the reference decoder's
 * single rounding of the subtraction.
 *
 * <p>Sub-blocks come in pairs: {@code 2i} and {@code 2i + 1} share the 32 quant bytes from {@code 32i},
 * the first in the low nibbles, the second in the high ones.
 */
final class Q4_KMatMul extends BlockQuantMatMul {
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
                FloatVector scale = FloatVector.broadcast(FLOATS, d * scale(rows, block, s));
                FloatVector shift = FloatVector.broadcast(FLOATS, -(dmin * min(rows, block, s)));
                int quants = block + QUANTS + (s / 2) * SUB_BLOCK;
                for (int g = 0; g < SUB_BLOCK; g += BYTES.length()) {
                    ByteVector q = ByteLanes.nibbles(ByteLanes.load(rows, quants + g), 4 * (s % 2));
                    ByteLanes.storeShifted(q, scale, shift, dst, offset + b * SUPER_BLOCK + s * SUB_BLOCK + g);
                }
            }
        }
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
