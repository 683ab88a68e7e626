package io.github.relayllm.core.relay;

/**
 * Where a request's wall time went, by model and by phase. What no phase accounts for is the
 * scheduler's own cost: protocol bookkeeping, tokenizing contexts, trace building.
 *
 * @param totalNanos the whole request
 * @param slmPrefillNanos the SLM computing prompt positions it had not cached
 * @param slmDecodeNanos the SLM generating (sampling included)
 * @param llmPrefillNanos a local LLM computing context positions at call time
 * @param llmDecodeNanos a local LLM generating
 * @param catchUpNanos a local LLM prefilling ahead of calls (eager catch-up)
 * @param remoteNanos waiting for a remote LLM
 */
public record RelayTimings(
        long totalNanos,
        long slmPrefillNanos,
        long slmDecodeNanos,
        long llmPrefillNanos,
        long llmDecodeNanos,
        long catchUpNanos,
        long remoteNanos) {

    /** Time in the SLM. */
    public long slmNanos() {
        return slmPrefillNanos + slmDecodeNanos;
    }

    /** Time in the LLM, local or remote. */
    public long llmNanos() {
        return llmPrefillNanos + llmDecodeNanos + catchUpNanos + remoteNanos;
    }

    /** The scheduler's own time: the total less the models' time. */
    public long schedulerNanos() {
        return totalNanos - slmNanos() - llmNanos();
    }

    /** The sum of two requests' timings. */
    public RelayTimings plus(RelayTimings other) {
        return new RelayTimings(
                totalNanos + other.totalNanos,
                slmPrefillNanos + other.slmPrefillNanos,
                slmDecodeNanos + other.slmDecodeNanos,
                llmPrefillNanos + other.llmPrefillNanos,
                llmDecodeNanos + other.llmDecodeNanos,
                catchUpNanos + other.catchUpNanos,
                remoteNanos + other.remoteNanos);
    }

    /** No time at all: the identity of {@link #plus}. */
    public static RelayTimings zero() {
        return new RelayTimings(0, 0, 0, 0, 0, 0, 0);
    }
}
