package io.github.relayllm.core.relay;

/**
 * One time a model was brought up to a context: how long the context was, how much of it its cache
 * already held (the longest common token prefix) and how many positions it computed.
 *
 * @param model the SLM or the LLM
 * @param contextTokens the context's length in tokens
 * @param reusedTokens the cached prefix kept
 * @param computedTokens positions computed: {@code contextTokens - reusedTokens}, or 1 when the whole
 *     context was cached (its last position's logits are computed again)
 * @param eager whether it was an eager catch-up rather than a turn's own prefill
 */
public record ContextPrefill(Author model, int contextTokens, int reusedTokens, int computedTokens, boolean eager) {}
