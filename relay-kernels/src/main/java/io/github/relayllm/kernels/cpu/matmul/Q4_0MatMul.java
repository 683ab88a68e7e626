package io.github.relayllm.kernels.cpu.matmul;

import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.BYTES;
import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.FLOATS;
import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.LANES;

import io.github.relayllm.kernels.tensor.DType;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;

/**
 * {@link DType#Q4_0} weights: blocks of a binary16 scale {@code d} and 16 bytes of 4-bit quants,
 * element {@code j} in the low nibble of byte {@code j} and element {@code j + 16} in its high nibble;
 * {@code w = (q - 8) * d}, exact in a float.
 */
final class Q4_0MatMul extends StagedBlockQuantMatMul {
    private static final int BLOCK = 32;
    private static final int HALF_BLOCK = 16;
    private static final int BLOCK_BYTES = 18;
    private static final int QUANTS = 2;
    private static final ByteVector EIGHT = ByteLanes.constant(8);

    Q4_0MatMul() {
        super(DType.Q4_0);
    }

    @Override
    void decodeRow(byte[] rows, int start, int k, float[] dst, int offset) {
        int blocks = k / BLOCK;
        for (int b = 0; b < blocks; b++) {
            int block = start + b * BLOCK_BYTES;
            FloatVector scale = scale(rows, block);
            for (int half = 0; half < 2; half++) {
                for (int g = 0; g < HALF_BLOCK; g += BYTES.length()) {
                    int element = b * BLOCK + half * HALF_BLOCK + g;
                    ByteLanes.store(quants(rows, block, half, g), scale, dst, offset + element);
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
        int end = k / BLOCK * BLOCK_BYTES;
        for (int block = 0, input = xStart; block < end; block += BLOCK_BYTES, input += BLOCK) {
            FloatVector d0 = scale(w0, block);
            FloatVector d1 = scale(w1, block);
            for (int half = 0; half < 2; half++) {
                for (int g = 0; g < HALF_BLOCK; g += BYTES.length()) {
                    int element = input + half * HALF_BLOCK + g;
                    a0 = ByteLanes.fma(quants(w0, block, half, g), d0, x, element, a0);
                    a1 = ByteLanes.fma(quants(w1, block, half, g), d1, x, element, a1);
                }
            }
        }
        a0.intoArray(sums, 0);
        a1.intoArray(sums, LANES);
    }

    private static FloatVector scale(byte[] rows, int block) {
        return FloatVector.broadcast(FLOATS, HalfFloatTable.read(rows, block));
    }

    /**
     * {@code q - 8} of elements {@code 16 half + g} onwards of the block: the low nibbles of bytes
     * {@code g} onwards for the first half, the high nibbles for the second.
     */
    private static ByteVector quants(byte[] rows, int block, int half, int g) {
        return ByteLanes.nibbles(ByteLanes.load(rows, block + QUANTS + g), 4 * half)
                .sub(EIGHT);
    }
}
