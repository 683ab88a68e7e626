package io.github.relayllm.core.relay;

import java.util.Objects;

/**
 * What a request (or, summed, a dataset) cost: the paper's counters and what the paper does not
 * count, prefill after KV reuse and time by model.
 *
 * @param requests requests summed (1 for one request)
 * @param slmGeneratedTokens tokens the SLM generated
 * @param llmGeneratedTokens tokens the LLM generated (the paper's cost)
 * @param slmPrefillTokens positions the SLM computed for its contexts after reusing its cache
 * @param llmPrefillTokens positions a local LLM computed for its contexts (catch-up included)
 * @param llmUnusedPrefillTokens of those, positions no call used: dropped when a later context
 *     differed (a seam re-tokenized) or computed ahead (eager) past the last call
 * @param calls LLM calls made
 * @param requestedCallTokens the N the SLM asked for, summed (saturating)
 * @param receivedCallTokens the tokens the LLM wrote for those calls
 * @param timings wall time by model and phase
 */
public record RelayAccounting(
        int requests,
        long slmGeneratedTokens,
        long llmGeneratedTokens,
        long slmPrefillTokens,
        long llmPrefillTokens,
        long llmUnusedPrefillTokens,
        long calls,
        long requestedCallTokens,
        long receivedCallTokens,
        RelayTimings timings) {

    public RelayAccounting {
        Objects.requireNonNull(timings, "timings");
    }

    /** Nothing yet: the identity of {@link #plus}. */
    public static RelayAccounting empty() {
        return new RelayAccounting(0, 0, 0, 0, 0, 0, 0, 0, 0, RelayTimings.zero());
    }

    /**
     * The share of generated tokens the LLM wrote. Summed over a dataset this is the paper's
     * dataset-level micro average (all LLM tokens over all tokens), not a mean of per-request ratios.
     */
    public double callRatio() {
        long all = slmGeneratedTokens + llmGeneratedTokens;
        return all == 0 ? 0 : (double) llmGeneratedTokens / all;
    }

    /** Calls per request. */
    public double callsPerRequest() {
        return requests == 0 ? 0 : (double) calls / requests;
    }

    /** The counters of two (sets of) requests together. */
    public RelayAccounting plus(RelayAccounting other) {
        long requested = requestedCallTokens + other.requestedCallTokens;
        return new RelayAccounting(
                requests + other.requests,
                slmGeneratedTokens + other.slmGeneratedTokens,
                llmGeneratedTokens + other.llmGeneratedTokens,
                slmPrefillTokens + other.slmPrefillTokens,
                llmPrefillTokens + other.llmPrefillTokens,
                llmUnusedPrefillTokens + other.llmUnusedPrefillTokens,
                calls + other.calls,
                requested < 0 ? Long.MAX_VALUE : requested,
                receivedCallTokens + other.receivedCallTokens,
                timings.plus(other.timings));
    }
}
