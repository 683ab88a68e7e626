package io.github.relayllm.kernels.cpu.matmul;

import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.BYTES;
import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.FLOATS;

import io.github.relayllm.kernels.tensor.DType;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;

/**
 * {@link DType#Q4_0} weights: blocks of a binary16 scale {@code d} and 16 bytes of 4-bit quants,
 * element {@code j} in the low nibble of byte {@code j} and element {@code j + 16} in its high nibble;
 * {@code w = (q - 8) * d}, exact in a float.
 */
final class Q4_0MatMul extends BlockQuantMatMul {
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
            FloatVector scale = FloatVector.broadcast(FLOATS, HalfFloatTable.read(rows, block));
            for (int half = 0; half < 2; half++) {
                for (int g = 0; g < HALF_BLOCK; g += BYTES.length()) {
                    ByteVector quants = ByteLanes.nibbles(ByteLanes.load(rows, block + QUANTS + g), 4 * half);
                    ByteLanes.store(quants.sub(EIGHT), scale, dst, offset + b * BLOCK + half * HALF_BLOCK + g);
                }
            }
        }
    }
}
