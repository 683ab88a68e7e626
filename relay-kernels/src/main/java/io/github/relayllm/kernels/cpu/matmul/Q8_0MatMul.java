package io.github.relayllm.kernels.cpu.matmul;

import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.BYTES;
import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.FLOATS;

import io.github.relayllm.kernels.tensor.DType;
import java.lang.foreign.MemorySegment;
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
    void decode(MemorySegment row, int k, float[] dst, int offset) {
        int blocks = k / BLOCK;
        for (int b = 0; b < blocks; b++) {
            int block = b * BLOCK_BYTES;
            FloatVector scale = FloatVector.broadcast(FLOATS, HalfFloatTable.read(row, block));
            int out = offset + b * BLOCK;
            for (int g = 0; g < BLOCK; g += BYTES.length()) {
                ByteLanes.widenScaled(ByteLanes.load(row, block + QUANTS + g), scale, dst, out + g);
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
        int blocks = k / BLOCK;
        for (int b = 0; b < blocks; b++) {
            int block = b * BLOCK_BYTES;
            FloatVector d0 = FloatVector.broadcast(FLOATS, HalfFloatTable.read(w0, block));
            FloatVector d1 = FloatVector.broadcast(FLOATS, HalfFloatTable.read(w1, block));
            FloatVector d2 = FloatVector.broadcast(FLOATS, HalfFloatTable.read(w2, block));
            FloatVector d3 = FloatVector.broadcast(FLOATS, HalfFloatTable.read(w3, block));
            for (int g = 0; g < BLOCK; g += BYTES.length()) {
                int quants = block + QUANTS + g;
                long input = (long) (b * BLOCK + g) * Float.BYTES;
                a0 = ByteLanes.fmaScaled(ByteLanes.load(w0, quants), d0, x, input, a0);
                a1 = ByteLanes.fmaScaled(ByteLanes.load(w1, quants), d1, x, input, a1);
                a2 = ByteLanes.fmaScaled(ByteLanes.load(w2, quants), d2, x, input, a2);
                a3 = ByteLanes.fmaScaled(ByteLanes.load(w3, quants), d3, x, input, a3);
            }
        }
        sums[0] = KernelSpecies.sum(a0);
        sums[1] = KernelSpecies.sum(a1);
        sums[2] = KernelSpecies.sum(a2);
        sums[3] = KernelSpecies.sum(a3);
    }
}
