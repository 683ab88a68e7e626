package io.github.relayllm.core.sampling;

/**
 * Changes a step's logits in place before a {@link Sampler} does anything else with them: the hook
 * for constraints (forcing or banning tokens, grammars) and for tests that script what a model
 * says. It runs on the sampling thread once per sampled token and should not allocate.
 */
@FunctionalInterface
public interface LogitProcessor {
    /** Leaves the logits alone. */
    LogitProcessor NONE = (logits, history, historyLength) -> {};

    /**
     * @param logits one score per vocabulary entry, to modify in place
     * @param history the tokens so far (prompt and generated, as the caller keeps them) in {@code
     *     history[0..historyLength)}; read only
     */
    void process(float[] logits, int[] history, int historyLength);
}
