package io.github.relayllm.kernels.cpu.matmul;

import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.BYTES;
import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.FLOATS;
import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.FLOAT_VECTORS_PER_BYTES;
import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.LANES;

import io.github.relayllm.kernels.tensor.DType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;

/**
 * {@link DType#Q4_K} weights: super-blocks of 256 in 144 bytes; eight sub-blocks of 32 with a 6-bit
 * scale and minimum each ({@code w = d * sc * q - dmin * m}, layout drawn in the codec's Javadoc).
 * {@code d * sc * q} is exact, so one fused multiply-add per lane reproduces the reference decoder's
 * single rounding of the subtraction.
 */
final class Q4_KMatMul extends VectorMatMul {
    private static final int SUPER_BLOCK = 256;
    private static final int SUPER_BLOCK_BYTES = 144;
    private static final int SUB_BLOCK = 32;
    private static final int DMIN = 2;
    private static final int SCALES = 4;
    private static final int QUANTS = 16;
    /** Each 32 bytes of quants hold two sub-blocks: 64 weights. */
    private static final int QUANT_RUN = 32;

    Q4_KMatMul() {
        super(DType.Q4_K);
    }

    @Override
    void decode(MemorySegment row, int k, float[] dst, int offset) {
        int superBlocks = k / SUPER_BLOCK;
        for (int b = 0; b < superBlocks; b++) {
            int block = b * SUPER_BLOCK_BYTES;
            float d = HalfFloatTable.read(row, block);
            float dmin = HalfFloatTable.read(row, block + DMIN);
            for (int run = 0; run < SUPER_BLOCK / (2 * SUB_BLOCK); run++) {
                int low = 2 * run;
                int high = low + 1;
                FloatVector lowScale = FloatVector.broadcast(FLOATS, d * scale(row, block, low));
                FloatVector lowMin = FloatVector.broadcast(FLOATS, -(dmin * min(row, block, low)));
                FloatVector highScale = FloatVector.broadcast(FLOATS, d * scale(row, block, high));
                FloatVector highMin = FloatVector.broadcast(FLOATS, -(dmin * min(row, block, high)));
                int out = offset + b * SUPER_BLOCK + low * SUB_BLOCK;
                for (int g = 0; g < QUANT_RUN; g += BYTES.length()) {
                    ByteVector packed = ByteLanes.load(row, block + QUANTS + run * QUANT_RUN + g);
                    ByteVector lowQuants = ByteLanes.lowNibbles(packed);
                    ByteVector highQuants = ByteLanes.highNibbles(packed);
                    for (int part = 0; part < FLOAT_VECTORS_PER_BYTES; part++) {
                        int element = out + g + part * LANES;
                        ByteLanes.toFloats(lowQuants, part)
                                .fma(lowScale, lowMin)
                                .intoArray(dst, element);
                        ByteLanes.toFloats(highQuants, part)
                                .fma(highScale, highMin)
                                .intoArray(dst, element + SUB_BLOCK);
                    }
                }
            }
        }
    }

    /** The 6-bit scale of sub-block {@code j}, packed as GGML's {@code get_scale_min_k4} reads it. */
    private static int scale(MemorySegment row, int block, int j) {
        if (j < 4) {
            return scaleByte(row, block, j) & 63;
        }
        return (scaleByte(row, block, j + 4) & 0xf) | ((scaleByte(row, block, j - 4) >>> 6) << 4);
    }

    /** The 6-bit minimum of sub-block {@code j}. */
    private static int min(MemorySegment row, int block, int j) {
        if (j < 4) {
            return scaleByte(row, block, j + 4) & 63;
        }
        return (scaleByte(row, block, j + 4) >>> 4) | ((scaleByte(row, block, j) >>> 6) << 4);
    }

    private static int scaleByte(MemorySegment row, int block, int index) {
        return Byte.toUnsignedInt(row.get(ValueLayout.JAVA_BYTE, block + SCALES + index));
    }
}
