package io.github.relayllm.kernels.cpu;

import io.github.relayllm.kernels.backend.Step;

/**
 * One op of a compiled plan with its buffers bound: the segments, sizes and scratch it needs were
 * resolved when the plan was compiled, so {@link #run} only reads the step's sizes and the per-step
 * int inputs, and allocates nothing.
 */
sealed interface CpuKernel permits ArgmaxKernel, AttentionKernel, GatherKernel, RowwiseKernel, SlicedMatMul {

    /** Runs the op for {@code step}, which the plan has checked fits its buffers. */
    void run(Step step);
}
