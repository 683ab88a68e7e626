package io.github.relayllm.kernels.cpu.matmul;

import io.github.relayllm.kernels.tensor.DType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A block-quant kernel whose single-row decoder works on rows copied to the heap: the k-quant and
 * nibble decoders are too large for C2 to inline with segment loads, which would box their vectors.
 * The copy costs the overlap of loads and arithmetic that {@link Q8_0MatMul} gets by reading in
 * place.
 */
abstract sealed class StagedBlockQuantMatMul extends BlockQuantMatMul permits Q4_0MatMul, Q4_KMatMul, Q6_KMatMul {
    StagedBlockQuantMatMul(DType dtype) {
        super(dtype);
    }

    @Override
    final void dot(
            MemorySegment weights,
            long[] offsets,
            int rowBytes,
            float[] x,
            int k,
            float[] sums,
            MatMulScratch scratch) {
        byte[][] rows = scratch.rows(rowBytes);
        for (int c = 0; c < fusedColumns(); c++) {
            MemorySegment.copy(weights, ValueLayout.JAVA_BYTE, offsets[c], rows[c], 0, rowBytes);
        }
        dot(rows, x, k, sums);
    }

    /** {@link #dot(MemorySegment, long[], int, float[], int, float[], MatMulScratch)} on the copied rows. */
    abstract void dot(byte[][] rows, float[] x, int k, float[] sums);
}
