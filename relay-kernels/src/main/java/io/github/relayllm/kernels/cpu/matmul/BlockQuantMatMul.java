package io.github.relayllm.kernels.cpu.matmul;

import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.FLOAT_VECTORS_PER_BYTES;
import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.LANES;

import io.github.relayllm.kernels.tensor.DType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A kernel for a block-quantized dtype. The panel path copies weight rows into a byte array before
 * decoding them: vector loads from an array compile to less code than loads from a segment (C2 drops
 * their bounds checks and keeps a whole decoder inlined).
 *
 * <p>A single input row (the decode step) skips the panel: {@link #dot} decodes {@link #fusedColumns}
 * weight rows in registers and multiplies them at once, saving the store and load of every decoded
 * weight, which matters in a pass over memory-bound weights; the rows come from separate spans of
 * the range (see {@code multiplyRow}). Per output element it performs the operations of the panel
 * tiles in the same order (one accumulator, vectors in order of {@code k}, the fixed lane sum), so a
 * row multiplied alone equals the same row in a batch, bit for bit. With 128-bit vectors a quant load
 * feeds two float vectors and single rows take the panel path too.
 */
abstract sealed class BlockQuantMatMul extends VectorMatMul permits Q8_0MatMul, StagedBlockQuantMatMul {
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;
    /**
     * Passes of {@link #fusedColumns} rows per step of the single-row path: two make twice as many
     * memory streams (eight for Q8_0), measured 14% faster decoding than one; three or four were no
     * better than one.
     */
    private static final int PASSES = 2;

    BlockQuantMatMul(DType dtype) {
        super(dtype);
    }

    @Override
    final void decode(MemorySegment matrix, long offset, int count, int k, float[] dst, byte[] staging) {
        int rowBytes = Math.toIntExact(dtype().byteSize(k));
        MemorySegment.copy(matrix, ValueLayout.JAVA_BYTE, offset, staging, 0, count * rowBytes);
        for (int c = 0; c < count; c++) {
            decodeRow(staging, c * rowBytes, k, dst, c * k);
        }
    }

    @Override
    final void multiplyColumns(
            MemorySegment weights,
            long rowBytes,
            int n,
            int k,
            MemorySegment in,
            MemorySegment out,
            int rows,
            int firstColumn,
            int endColumn,
            MatMulScratch scratch) {
        if (rows == 1 && FLOAT_VECTORS_PER_BYTES == 1) {
            multiplyRow(weights, Math.toIntExact(rowBytes), k, in, out, firstColumn, endColumn, scratch);
        } else {
            super.multiplyColumns(weights, rowBytes, n, k, in, out, rows, firstColumn, endColumn, scratch);
        }
    }

    /**
     * {@code out[0][j]} for {@code first <= j < end}, {@link #fusedColumns} weight rows at a time,
     * decoded in registers. The range is cut into {@link #PASSES} times {@link #fusedColumns} equal
     * spans, and each step takes the next row of every span, not a run of neighbours: each span is a
     * stream of its own for the memory prefetchers, and several streams keep more of memory's latency
     * hidden behind the arithmetic (measured on Q8_0: 1.5 times the throughput of one stream when the
     * weights come from memory, none lost when they sit in cache).
     */
    private void multiplyRow(
            MemorySegment weights,
            int rowBytes,
            int k,
            MemorySegment in,
            MemorySegment out,
            int first,
            int end,
            MatMulScratch scratch) {
        int width = fusedColumns();
        float[] x = scratch.floats(k);
        MemorySegment.copy(in, FLOAT, 0, x, 0, k);
        long[] offsets = scratch.offsets;
        float[] sums = scratch.sums;
        int streams = width * PASSES;
        int span = Math.ceilDiv(end - first, streams);
        for (int i = 0; i < span; i++) {
            for (int pass = 0; pass < PASSES; pass++) {
                int base = first + pass * width * span + i;
                for (int c = 0; c < width; c++) {
                    // Past the end, the last row again: its product is computed and not written.
                    offsets[c] = (long) Math.min(base + c * span, end - 1) * rowBytes;
                }
                dot(weights, offsets, rowBytes, x, k, sums, scratch);
                for (int c = 0; c < width; c++) {
                    int column = base + c * span;
                    if (column < end) {
                        out.setAtIndex(FLOAT, column, KernelSpecies.sum(sums, c * LANES));
                    }
                }
            }
        }
    }

    /**
     * Decodes the row of {@code k} weights stored in {@code rows} from index {@code start} into {@code
     * dst[offset, offset + k)}, bit for bit as the reference decoder does.
     */
    abstract void decodeRow(byte[] rows, int start, int k, float[] dst, int offset);

    /**
     * Weight rows {@link #dot} multiplies at once: enough independent accumulators to hide the latency
     * of fused multiply-adds, few enough that C2 inlines all the vector code of one pass.
     */
    abstract int fusedColumns();

    /**
     * The dot products of {@code x} with the {@link #fusedColumns} weight rows of {@code weights} at
     * byte offsets {@code offsets}, before the lane sum: the accumulator of row {@code c} in {@code
     * sums[c LANES, (c + 1) LANES)}. Requires one float vector per quant load.
     */
    abstract void dot(
            MemorySegment weights, long[] offsets, int rowBytes, float[] x, int k, float[] sums, MatMulScratch scratch);
}
