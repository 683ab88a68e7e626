package io.github.relayllm.kernels.cpu.matmul;

import io.github.relayllm.kernels.tensor.DType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/** {@link DType#F32} weights: decoding is a copy. */
final class F32MatMul extends VectorMatMul {
    private static final ValueLayout.OfFloat FLOAT =
            ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    F32MatMul() {
        super(DType.F32);
    }

    @Override
    void decode(MemorySegment matrix, long offset, int count, int k, float[] dst, int dstStart, byte[] staging) {
        MemorySegment.copy(matrix, FLOAT, offset, dst, dstStart, count * k);
    }
}
