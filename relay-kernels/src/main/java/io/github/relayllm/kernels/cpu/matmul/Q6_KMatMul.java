package io.github.relayllm.kernels.cpu.matmul;

import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.BYTES;
import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.FLOAT_VECTORS_PER_BYTES;
import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.LANES;

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
 * <p>Each half of a super-block (128 weights) takes 64 bytes of {@code ql} and 32 of {@code qh}: byte
 * {@code l} of each 32-byte run of {@code ql} and byte {@code l} of {@code qh} feed weights {@code l},
 * {@code l + 32}, {@code l + 64} and {@code l + 96}.
 */
final class Q6_KMatMul extends VectorMatMul {
    private static final int SUPER_BLOCK = 256;
    private static final int SUPER_BLOCK_BYTES = 210;
    private static final int HALF = 128;
    private static final int RUN = 32;
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
            int out = offset + b * SUPER_BLOCK;
            for (int half = 0; half < SUPER_BLOCK / HALF; half++) {
                int lowBits = block + half * 2 * RUN;
                int highBits = block + HIGH_BITS + half * RUN;
                int first = half * HALF;
                for (int g = 0; g < RUN; g += BYTES.length()) {
                    ByteVector low0 = ByteLanes.load(row, lowBits + g);
                    ByteVector low1 = ByteLanes.load(row, lowBits + RUN + g);
                    ByteVector high = ByteLanes.load(row, highBits + g);
                    ByteVector q0 = ByteLanes.lowNibbles(low0)
                            .or(ByteLanes.shiftLeft(high, 4).and(HIGH_MASK));
                    ByteVector q1 = ByteLanes.lowNibbles(low1)
                            .or(ByteLanes.shiftLeft(high, 2).and(HIGH_MASK));
                    ByteVector q2 = ByteLanes.highNibbles(low0).or(high.and(HIGH_MASK));
                    ByteVector q3 = ByteLanes.highNibbles(low1)
                            .or(ByteLanes.shiftRight(high, 2).and(HIGH_MASK));
                    int element = first + g;
                    store(q0.sub(OFFSET), row, block, d, element, dst, out);
                    store(q1.sub(OFFSET), row, block, d, element + RUN, dst, out);
                    store(q2.sub(OFFSET), row, block, d, element + 2 * RUN, dst, out);
                    store(q3.sub(OFFSET), row, block, d, element + 3 * RUN, dst, out);
                }
            }
        }
    }

    /** Widens {@code quants}, weights {@code element ..} of the super-block, scaled, into {@code dst}. */
    private static void store(
            ByteVector quants, MemorySegment row, int block, float d, int element, float[] dst, int superBlockOffset) {
        for (int part = 0; part < FLOAT_VECTORS_PER_BYTES; part++) {
            int first = element + part * LANES;
            float scale = d * row.get(ValueLayout.JAVA_BYTE, block + SCALES + first / SUB_BLOCK);
            FloatVector weights = ByteLanes.toFloats(quants, part);
            weights.mul(scale).intoArray(dst, superBlockOffset + first);
        }
    }
}
