package io.github.relayllm.kernels.cpu.matmul;

import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.BYTES;
import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.FLOATS;
import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.FLOAT_VECTORS_PER_BYTES;
import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.LANES;

import io.github.relayllm.kernels.tensor.DType;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;

/**
 * {@link DType#Q8_0} weights: blocks of a binary16 scale {@code d} and 32 int8 quants, {@code w = q *
 * d}. The product of an 8-bit integer and an 11-bit significand is exact in a float, so the decoded
 * weights equal the reference decoder's.
 */
final class Q8_0MatMul extends VectorMatMul {
    private static final int BLOCK = 32;
    private static final int BLOCK_BYTES = 34;
    private static final int QUANTS = 2;

    Q8_0MatMul() {
        super(DType.Q8_0);
    }

    @Override
    void decode(MemorySegment row, int k, float[] dst, int offset) {
        int blocks = k / BLOCK;
        for (int b = 0; b < blocks; b++) {
            int block = b * BLOCK_BYTES;
            FloatVector scale = FloatVector.broadcast(FLOATS, HalfFloatTable.read(row, block));
            int out = offset + b * BLOCK;
            for (int g = 0; g < BLOCK; g += BYTES.length()) {
                ByteVector quants = ByteLanes.load(row, block + QUANTS + g);
                for (int part = 0; part < FLOAT_VECTORS_PER_BYTES; part++) {
                    ByteLanes.toFloats(quants, part).mul(scale).intoArray(dst, out + g + part * LANES);
                }
            }
        }
    }
}
