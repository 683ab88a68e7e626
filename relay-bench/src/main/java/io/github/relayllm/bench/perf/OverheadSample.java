package io.github.relayllm.bench.perf;

import io.github.relayllm.core.relay.RelayAccounting;
import java.util.Objects;

/**
 * One measured relay request: its wall time, what each model's share of it cost when replayed alone,
 * and what the relay itself counted.
 *
 * @param totalNanos the request's wall time, from calling {@code Relay.run} to its return (opening and
 *     closing the sessions included), less any replay run inside it
 * @param unattributedNanos the part of it that the relay's own phase timers give to neither model
 * @param slm the SLM's share, replayed alone
 * @param llm the LLM's share, replayed alone
 * @param accounting the relay's own counters (its phase timers also count a replay run inside its
 *     token callbacks: use {@code unattributedNanos} rather than them)
 */
public record OverheadSample(
        long totalNanos, long unattributedNanos, ModelParts slm, ModelParts llm, RelayAccounting accounting) {
    public OverheadSample {
        Objects.requireNonNull(slm, "slm");
        Objects.requireNonNull(llm, "llm");
        Objects.requireNonNull(accounting, "accounting");
    }

    /** The parts measured alone, summed. */
    public long partsNanos() {
        return slm.nanos() + llm.nanos();
    }

    /**
     * The scheduler's overhead, {@code (total - parts) / total}. Timing noise can make it negative.
     */
    public double overhead() {
        return (double) (totalNanos - partsNanos()) / totalNanos;
    }

    /**
     * The share of the request's wall time that the relay's own phase timers give to neither model:
     * an estimate from one run, free of drift between runs, but blind to the generation loop's
     * per-token work (streaming text, stop strings, the call policy), which those timers count as
     * decoding.
     */
    public double unattributed() {
        return (double) unattributedNanos / totalNanos;
    }

    /** Tokens whose replayed argmax differed from the relay's: 0 when the replay was exact. */
    public int divergedTokens() {
        return slm.divergedTokens() + llm.divergedTokens();
    }
}
