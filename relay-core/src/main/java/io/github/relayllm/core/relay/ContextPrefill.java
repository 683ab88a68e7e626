package io.github.relayllm.core.relay;

/**
 * One time a model was brought up to a context: how long the context was and how many positions it
 * computed; the rest its cache already held (the longest common token prefix, less the last token,
 * whose logits are always computed again).
 *
 * @param model the SLM or the LLM
 * @param contextTokens the context's length in tokens
 * @param computedTokens positions computed, at least 1
 * @param eager whether it was an eager catch-up rather than a turn's own prefill
 */
public record ContextPrefill(Author model, int contextTokens, int computedTokens, boolean eager) {

    /** The cached prefix kept: the context less what was computed. */
    public int reusedTokens() {
        return contextTokens - computedTokens;
    }
}
