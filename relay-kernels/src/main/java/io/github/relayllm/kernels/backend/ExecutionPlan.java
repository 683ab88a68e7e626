package io.github.relayllm.kernels.backend;

import java.util.List;

/**
 * A compiled list of ops with their buffers bound, replayed once per step. Building one costs what
 * the backend needs to prepare kernels; running one allocates nothing on the Java heap.
 */
public interface ExecutionPlan {
    /** The ops, in order. */
    List<Op> ops();

    /** The largest step the plan's buffers hold. */
    Step largestStep();

    /**
     * Runs every op for {@code step}, and returns when the results can be read.
     *
     * @throws IllegalArgumentException if the step is larger than {@link #largestStep()}
     */
    void run(Step step);

    /**
     * Runs every op for {@code step} as {@link #run(Step)} does (same results, bit for bit), adds each
     * op's wall time to {@code times} and counts the step. Each op is timed from when the previous one
     * finished, so a device backend waits for every op before starting the next: there a timed step is
     * slower than an untimed one, while on the CPU the cost is one clock read per op. Allocates nothing.
     *
     * @throws IllegalArgumentException if the step is larger than {@link #largestStep()}, or {@code
     *     times} is sized for another number of ops
     */
    void run(Step step, OpTimes times);
}
