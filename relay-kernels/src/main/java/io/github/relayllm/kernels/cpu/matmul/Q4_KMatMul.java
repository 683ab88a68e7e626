package io.github.relayllm.kernels.cpu.matmul;

import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.BYTES;
import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.FLOATS;

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
    void decode(MemorySegment row, int k, float[] dst, int offset) {
        int superBlocks = k / SUPER_BLOCK;
        for (int b = 0; b < superBlocks; b++) {
            int block = b * SUPER_BLOCK_BYTES;
            float d = HalfFloatTable.read(row, block);
            float dmin = HalfFloatTable.read(row, block + DMIN);
            for (int s = 0; s < SUB_BLOCKS; s++) {
                FloatVector scale = scale(row, block, d, s);
                FloatVector shift = shift(row, block, dmin, s);
                for (int g = 0; g < SUB_BLOCK; g += BYTES.length()) {
                    int element = offset + b * SUPER_BLOCK + s * SUB_BLOCK + g;
                    ByteLanes.widenScaledShifted(quants(row, block, s, g), scale, shift, dst, element);
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
            float d0 = HalfFloatTable.read(w0, block);
            float d1 = HalfFloatTable.read(w1, block);
            float d2 = HalfFloatTable.read(w2, block);
            float d3 = HalfFloatTable.read(w3, block);
            float m0 = HalfFloatTable.read(w0, block + DMIN);
            float m1 = HalfFloatTable.read(w1, block + DMIN);
            float m2 = HalfFloatTable.read(w2, block + DMIN);
            float m3 = HalfFloatTable.read(w3, block + DMIN);
            for (int s = 0; s < SUB_BLOCKS; s++) {
                FloatVector scale0 = scale(w0, block, d0, s);
                FloatVector scale1 = scale(w1, block, d1, s);
                FloatVector scale2 = scale(w2, block, d2, s);
                FloatVector scale3 = scale(w3, block, d3, s);
                FloatVector shift0 = shift(w0, block, m0, s);
                FloatVector shift1 = shift(w1, block, m1, s);
                FloatVector shift2 = shift(w2, block, m2, s);
                FloatVector shift3 = shift(w3, block, m3, s);
                for (int g = 0; g < SUB_BLOCK; g += BYTES.length()) {
                    long input = (long) (b * SUPER_BLOCK + s * SUB_BLOCK + g) * Float.BYTES;
                    a0 = ByteLanes.fmaScaledShifted(quants(w0, block, s, g), scale0, shift0, x, input, a0);
                    a1 = ByteLanes.fmaScaledShifted(quants(w1, block, s, g), scale1, shift1, x, input, a1);
                    a2 = ByteLanes.fmaScaledShifted(quants(w2, block, s, g), scale2, shift2, x, input, a2);
                    a3 = ByteLanes.fmaScaledShifted(quants(w3, block, s, g), scale3, shift3, x, input, a3);
                }
            }
        }
        sums[0] = KernelSpecies.sum(a0);
        sums[1] = KernelSpecies.sum(a1);
        sums[2] = KernelSpecies.sum(a2);
        sums[3] = KernelSpecies.sum(a3);
    }

    /**
     * The 4-bit quants of elements {@code 32 s + g} onwards: sub-blocks {@code 2i} and {@code 2i + 1}
     * share the 32 bytes from {@code 32 i}, the first in the low nibbles, the second in the high.
     */
    private static ByteVector quants(MemorySegment row, int block, int s, int g) {
        ByteVector packed = ByteLanes.load(row, block + QUANTS + (s / 2) * SUB_BLOCK + g);
        return s % 2 == 0 ? ByteLanes.lowNibbles(packed) : ByteLanes.highNibbles(packed);
    }

    /** {@code d * sc} of sub-block {@code s}, in every lane (the product is exact). */
    private static FloatVector scale(MemorySegment row, int block, float d, int s) {
        return FloatVector.broadcast(FLOATS, d * scaleBits(row, block, s));
    }

    /** {@code -(dmin * m)} of sub-block {@code s}, in every lane. */
    private static FloatVector shift(MemorySegment row, int block, float dmin, int s) {
        return FloatVector.broadcast(FLOATS, -(dmin * minBits(row, block, s)));
    }

    /** The 6-bit scale of sub-block {@code j}, packed as GGML's {@code get_scale_min_k4} reads it. */
    private static int scaleBits(MemorySegment row, int block, int j) {
        if (j < 4) {
            return scaleByte(row, block, j) & 63;
        }
        return (scaleByte(row, block, j + 4) & 0xf) | ((scaleByte(row, block, j - 4) >>> 6) << 4);
    }

    /** The 6-bit minimum of sub-block {@code j}. */
    private static int minBits(MemorySegment row, int block, int j) {
        if (j < 4) {
            return scaleByte(row, block, j + 4) & 63;
        }
        return (scaleByte(row, block, j + 4) >>> 4) | ((scaleByte(row, block, j) >>> 6) << 4);
    }

    private static int scaleByte(MemorySegment row, int block, int index) {
        return Byte.toUnsignedInt(row.get(ValueLayout.JAVA_BYTE, block + SCALES + index));
    }
}
