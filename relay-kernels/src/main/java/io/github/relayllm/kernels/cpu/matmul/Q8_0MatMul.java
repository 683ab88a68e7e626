package io.github.relayllm.kernels.cpu.matmul;

import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.BYTES;
import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.FLOATS;
import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.LANES;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

import io.github.relayllm.kernels.tensor.DType;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

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
     *
     * <p>Written with Vector API calls only, no helper that takes or returns a vector: when a plan runs
     * several dtypes, the call to this method from the shared row loop may be inlined with another
     * dtype's profile, and C2 then leaves rarely run helpers as real calls, whose vector arguments and
     * results it boxes on the heap (a decode step of {@code SteadyStateTest}'s Q8_0 model, after its F16
     * one, allocated 6.8 MB). The Vector API's own methods are always inlined.
     */
    @Override
    void dot(
            MemorySegment weights,
            long[] offsets,
            int rowBytes,
            float[] x,
            int xStart,
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
        for (int block = 0, input = xStart; block < end; block += BLOCK_BYTES, input += BLOCK) {
            FloatVector d0 = FloatVector.broadcast(FLOATS, HalfFloatTable.read(weights, w0 + block));
            FloatVector d1 = FloatVector.broadcast(FLOATS, HalfFloatTable.read(weights, w1 + block));
            FloatVector d2 = FloatVector.broadcast(FLOATS, HalfFloatTable.read(weights, w2 + block));
            FloatVector d3 = FloatVector.broadcast(FLOATS, HalfFloatTable.read(weights, w3 + block));
            for (int g = 0; g < BLOCK; g += BYTES.length()) {
                long quants = block + QUANTS + g;
                FloatVector in = FloatVector.fromArray(FLOATS, x, input + g);
                a0 = ((FloatVector) ByteVector.fromMemorySegment(BYTES, weights, w0 + quants, LITTLE_ENDIAN)
                                .convertShape(VectorOperators.B2F, FLOATS, 0))
                        .mul(d0)
                        .fma(in, a0);
                a1 = ((FloatVector) ByteVector.fromMemorySegment(BYTES, weights, w1 + quants, LITTLE_ENDIAN)
                                .convertShape(VectorOperators.B2F, FLOATS, 0))
                        .mul(d1)
                        .fma(in, a1);
                a2 = ((FloatVector) ByteVector.fromMemorySegment(BYTES, weights, w2 + quants, LITTLE_ENDIAN)
                                .convertShape(VectorOperators.B2F, FLOATS, 0))
                        .mul(d2)
                        .fma(in, a2);
                a3 = ((FloatVector) ByteVector.fromMemorySegment(BYTES, weights, w3 + quants, LITTLE_ENDIAN)
                                .convertShape(VectorOperators.B2F, FLOATS, 0))
                        .mul(d3)
                        .fma(in, a3);
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
