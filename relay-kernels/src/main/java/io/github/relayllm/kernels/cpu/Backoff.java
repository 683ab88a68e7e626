package io.github.relayllm.kernels.cpu;

/**
 * How a pool thread waits for the next loop or for its helpers: spin a little ({@link
 * Thread#onSpinWait}), since the next op of a decode step usually comes within a microsecond; then
 * yield, so that a pool with more threads than cores lets the thread being waited for run; and after
 * {@value #YIELD_NANOS} ns tell the waiter to park, so an idle pool costs no CPU. One per waiting
 * thread, reused: waiting allocates nothing.
 */
final class Backoff {
    private static final int SPINS = 256;
    private static final long YIELD_NANOS = 50_000;

    private int spins;
    private long yieldingSince;

    /** Starts a new wait. */
    void reset() {
        spins = 0;
        yieldingSince = 0;
    }

    /** Waits a moment; returns {@code true} once the wait has gone on long enough to park. */
    boolean pause() {
        if (spins < SPINS) {
            spins++;
            Thread.onSpinWait();
            return false;
        }
        long now = System.nanoTime();
        if (yieldingSince == 0) {
            yieldingSince = now;
        }
        Thread.yield();
        return now - yieldingSince > YIELD_NANOS;
    }
}
