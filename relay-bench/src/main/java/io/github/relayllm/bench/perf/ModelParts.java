package io.github.relayllm.bench.perf;

import java.util.Objects;

/**
 * What one model's share of a relay request cost when replayed alone: its own prefills, the eager
 * catch-ups it ran ahead of calls (LLM only) and its decoding.
 *
 * @param prefill bringing the cache up to each turn's or call's context (positions computed)
 * @param catchUp eager catch-up prefills (positions computed; none for the SLM or lazy catch-up)
 * @param decode drawing each token (argmax) and feeding it back (tokens drawn)
 * @param divergedTokens tokens whose replayed argmax was not the token the relay drew: 0 when the
 *     replay computed exactly what the relay did (greedy decoding on a batch-invariant engine)
 */
public record ModelParts(PartTime prefill, PartTime catchUp, PartTime decode, int divergedTokens) {
    public ModelParts {
        Objects.requireNonNull(prefill, "prefill");
        Objects.requireNonNull(catchUp, "catchUp");
        Objects.requireNonNull(decode, "decode");
    }

    /** All of this model's time. */
    public long nanos() {
        return prefill.nanos() + catchUp.nanos() + decode.nanos();
    }
}
