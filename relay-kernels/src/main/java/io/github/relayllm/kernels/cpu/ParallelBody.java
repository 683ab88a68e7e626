package io.github.relayllm.kernels.cpu;

/**
 * The body of a parallel loop: what to do for one item. Kernels implement it themselves and set their
 * per-step fields before each loop, so that starting a loop allocates nothing.
 */
@FunctionalInterface
interface ParallelBody {
    /**
     * Processes item {@code item}.
     *
     * @param worker the running thread's index in its pool, from 0 (the caller) to {@code threads - 1}:
     *     an index into per-thread scratch
     */
    void run(int item, int worker);
}
