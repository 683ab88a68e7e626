package io.github.relayllm.kernels.opencl;

import io.github.relayllm.kernels.backend.Step;
import java.util.List;

/**
 * One op of a plan, ready on the device: its kernels with buffers and constants bound at compile
 * time. {@link #enqueue} sets what depends on the step (row counts, grid sizes) and enqueues, without
 * waiting and without allocating.
 */
interface ClLaunch {
    /** Enqueues the op's kernels for {@code step}; the plan waits once after the last op. */
    void enqueue(Step step);

    /** How many consecutive ops of the plan the launch carries out: 1, or 2 for a fused pair. */
    default int opCount() {
        return 1;
    }

    /** The kernel objects the launch owns, released with the plan. */
    List<ClKernel> kernels();
}
