package io.github.relayllm.kernels.cpu.matmul;

import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.LANES;

import io.github.relayllm.kernels.tensor.DType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * A kernel with a second path for a single input row (the decode step): {@link #dot} decodes {@link
 * #fusedColumns} weight rows in registers (F16 in chunks that stay in L1) and multiplies them as it
 * loads them, saving the panel's pass over every decoded row. A decode step is a pass over memory-bound
 * weights, so what matters is that loads keep flowing: the rows come from separate spans of the range
 * (see {@link #multiplyRow}). Per output element {@link #dot} performs the operations of the panel
 * tiles in the same order (one accumulator, vectors in order of {@code k}, the fixed lane sum), so a
 * row multiplied alone equals the same row in a batch, bit for bit.
 */
abstract sealed class RowStreamingMatMul extends VectorMatMul permits BlockQuantMatMul, HalfFloatMatMul {
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final MethodType DOT = MethodType.methodType(
            void.class,
            MemorySegment.class,
            long[].class,
            int.class,
            float[].class,
            int.class,
            int.class,
            float[].class,
            MatMulScratch.class);

    /** This dtype's {@link #dot}, called by the shared {@link #multiplyRow} through a barrier. */
    private final DTypeEntry dotEntry;

    RowStreamingMatMul(DType dtype) {
        super(dtype);
        dotEntry = DTypeEntry.of(MethodHandles.lookup(), "dot", DOT, this);
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
        if (rows == 1 && streamsSingleRows(k)) {
            multiplyRow(weights, Math.toIntExact(rowBytes), k, in, out, firstColumn, endColumn, scratch);
        } else {
            super.multiplyColumns(weights, rowBytes, n, k, in, out, rows, firstColumn, endColumn, scratch);
        }
    }

    /**
     * {@code out[0][j]} for {@code first <= j < end}, {@link #fusedColumns} weight rows at a time,
     * decoded in registers. The range is cut into {@link #passes} times {@link #fusedColumns} equal
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
        int passes = passes();
        AlignedFloats input = scratch.inputs.align(k);
        float[] x = input.array();
        int xStart = input.start();
        MemorySegment.copy(in, FLOAT, 0, x, xStart, k);
        long[] offsets = scratch.offsets;
        float[] sums = scratch.sums;
        int span = Math.ceilDiv(end - first, width * passes);
        for (int i = 0; i < span; i++) {
            for (int pass = 0; pass < passes; pass++) {
                int base = first + pass * width * span + i;
                for (int c = 0; c < width; c++) {
                    // Past the end, the last row again: its product is computed and not written.
                    offsets[c] = (long) Math.min(base + c * span, end - 1) * rowBytes;
                }
                try {
                    dotEntry.handle().invokeExact(weights, offsets, rowBytes, x, xStart, k, sums, scratch);
                } catch (Throwable thrown) {
                    throw DTypeEntry.rethrow(thrown);
                }
                for (int c = 0; c < width; c++) {
                    int column = base + c * span;
                    if (column < end) {
                        out.setAtIndex(FLOAT, column, KernelSpecies.sum(sums, c * LANES));
                    }
                }
            }
        }
    }

    /** Whether a single row of {@code k} takes {@link #dot} at this vector width; the panel otherwise. */
    abstract boolean streamsSingleRows(int k);

    /**
     * Weight rows {@link #dot} multiplies at once: enough independent accumulators to hide the latency
     * of fused multiply-adds, few enough that C2 inlines all the vector code of one pass.
     */
    abstract int fusedColumns();

    /**
     * Passes of {@link #fusedColumns} rows per step of the single-row path, so {@code passes *
     * fusedColumns} memory streams: a measured property of each kernel.
     */
    abstract int passes();

    /**
     * The dot products of {@code x} with the {@link #fusedColumns} weight rows of {@code weights} at
     * byte offsets {@code offsets}, before the lane sum: the accumulator of row {@code c} in {@code
     * sums[c LANES, (c + 1) LANES)}.
     */
    abstract void dot(
            MemorySegment weights,
            long[] offsets,
            int rowBytes,
            float[] x,
            int xStart,
            int k,
            float[] sums,
            MatMulScratch scratch);
}
