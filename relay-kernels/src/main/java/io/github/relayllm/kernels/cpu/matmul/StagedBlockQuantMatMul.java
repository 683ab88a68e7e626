package io.github.relayllm.kernels.cpu.matmul;

import io.github.relayllm.kernels.tensor.DType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * A block-quant kernel whose single-row decoder works on rows copied to the heap: the k-quant and
 * nibble decoders are too large for C2 to inline with segment loads, which would box their vectors.
 * The copy costs the overlap of loads and arithmetic that {@link Q8_0MatMul} gets by reading in
 * place.
 */
abstract sealed class StagedBlockQuantMatMul extends BlockQuantMatMul permits Q4_0MatMul, Q4_KMatMul, Q6_KMatMul {
    private static final MethodType STAGED_DOT =
            MethodType.methodType(void.class, byte[][].class, float[].class, int.class, int.class, float[].class);

    /** This dtype's dot product on copied rows, called by the shared row copy through a barrier. */
    private final DTypeEntry stagedDotEntry;

    StagedBlockQuantMatMul(DType dtype) {
        super(dtype);
        stagedDotEntry = DTypeEntry.of(MethodHandles.lookup(), "dot", STAGED_DOT, this);
    }

    @Override
    final void dot(
            MemorySegment weights,
            long[] offsets,
            int rowBytes,
            float[] x,
            int xStart,
            int k,
            float[] sums,
            MatMulScratch scratch) {
        byte[][] rows = scratch.rows(rowBytes);
        for (int c = 0; c < fusedColumns(); c++) {
            MemorySegment.copy(weights, ValueLayout.JAVA_BYTE, offsets[c], rows[c], 0, rowBytes);
        }
        try {
            stagedDotEntry.handle().invokeExact(rows, x, xStart, k, sums);
        } catch (Throwable thrown) {
            throw DTypeEntry.rethrow(thrown);
        }
    }

    /** {@link #dot(MemorySegment, long[], int, float[], int, int, float[], MatMulScratch)} on the copied rows. */
    abstract void dot(byte[][] rows, float[] x, int xStart, int k, float[] sums);
}
