package io.github.relayllm.kernels.cpu.matmul;

import io.github.relayllm.kernels.tensor.DType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * {@link DType#F16} weights. The Vector API has no binary16 lanes, but C2 compiles this plain loop
 * over {@link Float#float16ToFloat} to the CPU's packed conversion ({@code vcvtph2ps}, 16 values an
 * instruction with AVX-512): faster than any bit manipulation in vector lanes, and exact, infinities
 * and NaNs included.
 */
final class F16MatMul extends VectorMatMul {
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
}
