package io.github.relayllm.kernels.cpu.matmul;

import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.BYTES;
import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.FLOATS;
import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.LANES;

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
            FloatVector scale = scale(rows, block);
            for (int g = 0; g < BLOCK; g += BYTES.length()) {
                ByteLanes.store(ByteLanes.load(rows, block + QUANTS + g), scale, dst, offset + b * BLOCK + g);
            }
        }
    }

    @Override
    int fusedColumns() {
        return 4;
    }

    @Override
    void dot(byte[] rows, int start, int rowBytes, float[] x, int k, float[] sums) {
        int row1 = start + rowBytes;
        int row2 = row1 + rowBytes;
        int row3 = row2 + rowBytes;
        FloatVector a0 = FloatVector.zero(FLOATS);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        int blocks = k / BLOCK;
        for (int b = 0; b < blocks; b++) {
            int block = b * BLOCK_BYTES;
            FloatVector d0 = scale(rows, start + block);
            FloatVector d1 = scale(rows, row1 + block);
            FloatVector d2 = scale(rows, row2 + block);
            FloatVector d3 = scale(rows, row3 + block);
            for (int g = 0; g < BLOCK; g += BYTES.length()) {
                int quants = block + QUANTS + g;
                int input = b * BLOCK + g;
                a0 = ByteLanes.fma(ByteLanes.load(rows, start + quants), d0, x, input, a0);
                a1 = ByteLanes.fma(ByteLanes.load(rows, row1 + quants), d1, x, input, a1);
                a2 = ByteLanes.fma(ByteLanes.load(rows, row2 + quants), d2, x, input, a2);
                a3 = ByteLanes.fma(ByteLanes.load(rows, row3 + quants), d3, x, input, a3);
            }
        }
        a0.intoArray(sums, 0);
        a1.intoArray(sums, LANES);
        a2.intoArray(sums, 2 * LANES);
        a3.intoArray(sums, 3 * LANES);
    }

    private static FloatVector scale(byte[] rows, int block) {
        return FloatVector.broadcast(FLOATS, HalfFloatTable.read(rows, block));
    }
}
