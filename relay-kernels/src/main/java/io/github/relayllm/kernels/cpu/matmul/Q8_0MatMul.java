package io.github.relayllm.kernels.cpu.matmul;

import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.BYTES;
import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.FLOATS;
import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.LANES;

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

    /**
     * Reads the four rows where they lie: each comes from its own span of the range, a memory stream
     * of its own, and segment loads (unlike a bulk copy) let one row's memory latency hide behind the
     * other rows' arithmetic. Per weight the operations of {@link #decodeRow} and the panel tiles, in
     * the same order.
     */
    @Override
    void dot(
            MemorySegment weights,
            long[] offsets,
            int rowBytes,
            float[] x,
            int k,
            float[] sums,
            MatMulScratch scratch) {
        long w0 = offsets[0];
        long w1 = offsets[1];
        long w2 = offsets[2];
        long w3 = offsets[3];
        FloatVector a0 = FloatVector.zero(FLOATS);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        int end = k / BLOCK * BLOCK_BYTES;
        for (int block = 0, input = 0; block < end; block += BLOCK_BYTES, input += BLOCK) {
            FloatVector d0 = scale(weights, w0 + block);
            FloatVector d1 = scale(weights, w1 + block);
            FloatVector d2 = scale(weights, w2 + block);
            FloatVector d3 = scale(weights, w3 + block);
            for (int g = 0; g < BLOCK; g += BYTES.length()) {
                int quants = block + QUANTS + g;
                a0 = ByteLanes.fma(ByteLanes.load(weights, w0 + quants), d0, x, input + g, a0);
                a1 = ByteLanes.fma(ByteLanes.load(weights, w1 + quants), d1, x, input + g, a1);
                a2 = ByteLanes.fma(ByteLanes.load(weights, w2 + quants), d2, x, input + g, a2);
                a3 = ByteLanes.fma(ByteLanes.load(weights, w3 + quants), d3, x, input + g, a3);
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

    private static FloatVector scale(MemorySegment weights, long block) {
        return FloatVector.broadcast(FLOATS, HalfFloatTable.read(weights, block));
    }
}
