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
}
