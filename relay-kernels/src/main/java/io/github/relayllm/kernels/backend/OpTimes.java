package io.github.relayllm.kernels.backend;

import java.util.Arrays;

/**
 * Wall time spent in each op of one plan, summed over the steps timed with {@link
 * ExecutionPlan#run(Step, OpTimes)}: entry {@code i} belongs to op {@code i} of the plan's {@link
 * ExecutionPlan#ops()}. Where a backend runs several ops as one launch (a fused pair), the launch's time
 * goes to its first op and the others read zero.
 *
 * <p>Invariants: every entry and the step count are non-negative and only grow until {@link #clear()}.
 * Not thread-safe: the thread that runs the plan records, and reads once it has stopped. Costs one
 * {@code long} per op; recording allocates nothing.
 */
public final class OpTimes {
    private final long[] nanos;
    private long steps;

    /** Zero times for a plan of {@code ops} ops. */
    public OpTimes(int ops) {
        if (ops < 0) {
            throw new IllegalArgumentException("a plan has no fewer than 0 ops, not " + ops);
        }
        this.nanos = new long[ops];
    }

    /** How many ops the times are for. */
    public int ops() {
        return nanos.length;
    }

    /** Adds {@code elapsed} nanoseconds to op {@code op}; a backend calls this while it runs a step. */
    public void add(int op, long elapsed) {
        if (elapsed < 0) {
            throw new IllegalArgumentException("op %d took a negative time: %d ns".formatted(op, elapsed));
        }
        nanos[op] += elapsed;
    }

    /** A plan's ops, run one at a time by index: what {@link #time} times. */
    @FunctionalInterface
    public interface OpRunner {
        /**
         * Runs op {@code op} of the plan for {@code step}, and the ops after it that the backend runs
         * together with it (a fused launch), and returns when they are done.
         *
         * @return how many ops it ran: 1, or more for a fused launch
         */
        int runOp(int op, Step step);
    }

    /**
     * Runs every op these times are for ({@link #ops()}, which the caller has matched to its plan with
     * {@link #requireSizedFor}) of {@code step} through {@code runner} in order, adds each run's wall
     * time (from when the previous one returned) to its first op, and counts the step. Allocates
     * nothing.
     *
     * @throws IllegalStateException if the runner reports running fewer than one op
     */
    public void time(Step step, OpRunner runner) {
        long previous = System.nanoTime();
        for (int op = 0; op < nanos.length; ) {
            int ran = runner.runOp(op, step);
            if (ran < 1) {
                throw new IllegalStateException("op %d ran %d ops".formatted(op, ran));
            }
            long now = System.nanoTime();
            add(op, now - previous);
            previous = now;
            op += ran;
        }
        countStep();
    }

    /** Counts one more timed step; a backend calls this when a step's last op is done. */
    public void countStep() {
        steps++;
    }

    /** Nanoseconds spent in op {@code op} over every step timed so far. */
    public long nanos(int op) {
        return nanos[op];
    }

    /** Nanoseconds spent in all ops over every step timed so far. */
    public long totalNanos() {
        return Arrays.stream(nanos).sum();
    }

    /** Steps timed so far. */
    public long steps() {
        return steps;
    }

    /** Forgets every time and step, e.g. after warm-up steps. */
    public void clear() {
        Arrays.fill(nanos, 0);
        steps = 0;
    }

    /**
     * Checks that these times are for a plan of {@code plan.ops().size()} ops.
     *
     * @throws IllegalArgumentException if they are sized for another plan
     */
    public void requireSizedFor(ExecutionPlan plan) {
        if (plan.ops().size() != nanos.length) {
            throw new IllegalArgumentException("times for %d ops cannot time a plan of %d ops"
                    .formatted(nanos.length, plan.ops().size()));
        }
    }
}
