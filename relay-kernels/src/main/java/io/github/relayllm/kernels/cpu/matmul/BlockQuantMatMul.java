package io.github.relayllm.kernels.cpu.matmul;

import io.github.relayllm.kernels.tensor.DType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A kernel for a block-quantized dtype, which also multiplies a single input row (the decode step)
 * without a panel: it decodes the weights in registers and multiplies them at once. Storing decoded
 * weights and loading them back costs little when they serve many rows, but a matvec is one pass over
 * memory-bound weights and wants every instruction it can save.
 *
 * <p>The fused loops perform, per output element, exactly the operations of the panel tiles in the
 * same order (one accumulator, vectors in order of {@code k}, the fixed lane sum), so a row computed
 * alone equals the same row computed in a batch, bit for bit.
 */
abstract sealed class BlockQuantMatMul extends VectorMatMul permits Q8_0MatMul, Q4_0MatMul, Q4_KMatMul, Q6_KMatMul {
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final int COLUMNS = 4;

    BlockQuantMatMul(DType dtype) {
        super(dtype);
    }

    /** {@code out[0][j]} for {@code first <= j < end}: the single row of {@code in} times weight row j. */
    final void multiplyRow(
            MemorySegment weights, long rowBytes, int k, MemorySegment in, MemorySegment out, int first, int end) {
        MemorySegment x = in.asSlice(0, (long) k * Float.BYTES);
        float[] sums = new float[COLUMNS];
        for (int j = first; j < end; j += COLUMNS) {
            // Fewer than four columns left: repeat the last, as the panel does.
            int last = end - 1;
            dotFour(
                    weights.asSlice(j * rowBytes, rowBytes),
                    weights.asSlice(Math.min(j + 1, last) * rowBytes, rowBytes),
                    weights.asSlice(Math.min(j + 2, last) * rowBytes, rowBytes),
                    weights.asSlice(Math.min(j + 3, last) * rowBytes, rowBytes),
                    x,
                    k,
                    sums);
            for (int c = 0; c < Math.min(COLUMNS, end - j); c++) {
                out.setAtIndex(FLOAT, j + c, sums[c]);
            }
        }
    }

    /**
     * {@code sums[c]} = the dot product of weight row {@code wc} ({@code k} weights) with {@code x},
     * for the four rows.
     */
    abstract void dotFour(
            MemorySegment w0,
            MemorySegment w1,
            MemorySegment w2,
            MemorySegment w3,
            MemorySegment x,
            int k,
            float[] sums);
}
