package io.github.relayllm.kernels.cpu.matmul;

import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.FLOATS;
import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.LANES;

import io.github.relayllm.kernels.tensor.DType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;

/**
 * {@link DType#F16} weights. The panel path widens with a plain loop over {@link Float#float16ToFloat},
 * which C2 compiles to the CPU's packed conversion ({@code vcvtph2ps}, 16 values an instruction with
 * AVX-512): the fastest way to fill a panel. A single row streams through {@link HalfLanes#binary16}
 * instead, which widens in registers as the weights load. Its eight vector operations per vector cost
 * more than {@code vcvtph2ps}, and from memory the two paths end up close: 17-21 against 12-16 GB/s on
 * two cores in alternating standalone runs (1,200 MB, k = 1024), but 14.0 against 14.1 GB/s in JMH's
 * LM-head matvec and within noise in {@code relay bench}; with weights in cache the streamed path is
 * 1.7 times faster (JMH, a Qwen3-1.7B layer).
 */
final class F16MatMul extends HalfFloatMatMul {
    private static final ValueLayout.OfShort HALF = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    F16MatMul() {
        super(DType.F16);
    }

    @Override
    void decode(MemorySegment matrix, long offset, int count, int k, float[] dst, byte[] staging) {
        int weights = count * k;
        for (int i = 0; i < weights; i++) {
            dst[i] = Float.float16ToFloat(matrix.get(HALF, offset + (long) i * Short.BYTES));
        }
    }

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
        for (int i = 0; i < k; i += LANES) {
            FloatVector xv = FloatVector.fromArray(FLOATS, x, i);
            long at = (long) i * Short.BYTES;
            a0 = HalfLanes.binary16(weights, w0 + at).fma(xv, a0);
            a1 = HalfLanes.binary16(weights, w1 + at).fma(xv, a1);
            a2 = HalfLanes.binary16(weights, w2 + at).fma(xv, a2);
            a3 = HalfLanes.binary16(weights, w3 + at).fma(xv, a3);
        }
        a0.intoArray(sums, 0);
        a1.intoArray(sums, LANES);
        a2.intoArray(sums, 2 * LANES);
        a3.intoArray(sums, 3 * LANES);
    }
}
