package io.github.relayllm.kernels.cpu.matmul;

import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.BYTES;
import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.FLOATS;

import io.github.relayllm.kernels.tensor.DType;
import jdk.incubator.vector.FloatVector;

/**
 * {@link DType#Q8_0} weights: blocks of a binary16 scale {@code d} and 32 int8 quants, {@code w = q *
 * d}. The product of an 8-bit integer and an 11-bit significand is exact in a float, so the decoded
 * weights equal the reference decoder's.
 */
final class Q8_0MatMul extends BlockQuantMatMul {
    private static final int BLOCK = 32;
    private static final int BLOCK_BYTES = 34;
    private static final int QUANTS = 2;

    Q8_0MatMul() {
        super(DType.Q8_0);
    }

    @Override
    void decodeRow(byte[] rows, int start, int k, float[] dst, int offset) {
        int blocks = k / BLOCK;
        for (int b = 0; b < blocks; b++) {
            int block = start + b * BLOCK_BYTES;
            FloatVector scale = FloatVector.broadcast(FLOATS, HalfFloatTable.read(rows, block));
            for (int g = 0; g < BLOCK; g += BYTES.length()) {
                ByteLanes.store(ByteLanes.load(rows, block + QUANTS + g), scale, dst, offset + b * BLOCK + g);
            }
        }
    }
}
