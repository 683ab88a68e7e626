package io.github.relayllm.kernels.cpu.matmul;

import io.github.relayllm.kernels.tensor.DType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A kernel for a block-quantized dtype. It copies the weight rows of a column group into a byte
 * array before decoding them: one bulk copy streams from memory with few instructions, and vector
 * loads from an array compile to less code than loads from a segment (C2 drops their bounds checks
 * and keeps the whole decoder inlined).
 */
abstract sealed class BlockQuantMatMul extends VectorMatMul permits Q8_0MatMul, Q4_0MatMul, Q4_KMatMul, Q6_KMatMul {
    BlockQuantMatMul(DType dtype) {
        super(dtype);
    }

    @Override
    final void decode(MemorySegment rows, int count, int k, float[] dst, byte[] staging) {
        int rowBytes = Math.toIntExact(rows.byteSize() / count);
        MemorySegment.copy(rows, ValueLayout.JAVA_BYTE, 0, staging, 0, count * rowBytes);
        for (int c = 0; c < count; c++) {
            decodeRow(staging, c * rowBytes, k, dst, c * k);
        }
    }

    /**
     * Decodes the row of {@code k} weights stored in {@code rows} from index {@code start} into {@code
     * dst[offset, offset + k)}, bit for bit as the reference decoder does.
     */
    abstract void decodeRow(byte[] rows, int start, int k, float[] dst, int offset);
}
