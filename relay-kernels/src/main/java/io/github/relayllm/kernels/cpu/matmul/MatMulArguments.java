package io.github.relayllm.kernels.cpu.matmul;

import io.github.relayllm.kernels.tensor.DType;
import java.lang.foreign.MemorySegment;

/** The preconditions of {@link MatMulKernel#multiply}, checked before a kernel touches memory. */
final class MatMulArguments {
    private MatMulArguments() {}

    /**
     * @throws IllegalArgumentException if a size is negative, {@code k} is not a whole number of
     *     {@code dtype} blocks, the column range is not within {@code [0, n]}, a segment is smaller than
     *     the matrix it holds, or {@code out} is read-only; the message names the argument
     */
    static void check(
            DType dtype,
            MemorySegment weights,
            int n,
            int k,
            MemorySegment in,
            MemorySegment out,
            int rows,
            int firstColumn,
            int endColumn) {
        if (n < 0 || k < 0 || rows < 0) {
            throw new IllegalArgumentException("negative size: n=%d, k=%d, rows=%d".formatted(n, k, rows));
        }
        if (k % dtype.blockSize() != 0) {
            throw new IllegalArgumentException(
                    "k=%d is not a whole number of %s blocks of %d".formatted(k, dtype, dtype.blockSize()));
        }
        if (firstColumn < 0 || firstColumn > endColumn || endColumn > n) {
            throw new IllegalArgumentException(
                    "columns [%d, %d) are not within [0, %d)".formatted(firstColumn, endColumn, n));
        }
        requireBytes("weights", weights, dtype.byteSize(k) * n);
        requireBytes("in", in, (long) rows * k * Float.BYTES);
        requireBytes("out", out, (long) rows * n * Float.BYTES);
        if (out.isReadOnly()) {
            throw new IllegalArgumentException("out is read-only");
        }
    }

    private static void requireBytes(String name, MemorySegment segment, long bytes) {
        if (segment.byteSize() < bytes) {
            throw new IllegalArgumentException(
                    "%s holds %d bytes, needs %d".formatted(name, segment.byteSize(), bytes));
        }
    }
}
