package io.github.relayllm.kernels.cpu.matmul;

import java.lang.foreign.MemorySegment;

/**
 * Computes {@code out[r][j] = Σₖ w[j][k] · in[r][k]} for rows {@code 0 ≤ r < rows} and output columns
 * {@code firstColumn ≤ j < endColumn}, where {@code w} is an {@code [n, k]} matrix of one dtype (rows
 * of blocks, as GGUF stores them), and {@code in} ({@code [rows, k]}) and {@code out} ({@code [rows,
 * n]}) are row-major F32.
 *
 * <p>Contract: the value of each {@code out[r][j]} depends only on row {@code j} of {@code w} and row
 * {@code r} of {@code in}, bit for bit: never on {@code rows}, the column range, or other rows.
 * Kernels are stateless and thread-safe; callers split the columns across threads, each thread with
 * its own {@link MatMulScratch}.
 */
public interface MatMulKernel {
    /**
     * Writes the output columns {@code [firstColumn, endColumn)} of every row.
     *
     * @param scratch this thread's working memory; once it has seen this shape, the call allocates
     *     nothing
     * @throws IllegalArgumentException if a size or segment does not fit the others
     */
    void multiply(
            MemorySegment weights,
            int n,
            int k,
            MemorySegment in,
            MemorySegment out,
            int rows,
            int firstColumn,
            int endColumn,
            MatMulScratch scratch);
}
