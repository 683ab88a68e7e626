package io.github.relayllm.kernels.backend;

/**
 * Which of a step's two row counts an op processes: every token of the step, or only the rows whose
 * output (logits) is wanted, such as the last token of each sequence in a prefill.
 */
public enum RowCount {
    /** The tokens of the step. */
    TOKENS,
    /** The rows gathered for output. */
    OUTPUTS;

    /** The number of rows of this kind in {@code step}. */
    public int of(Step step) {
        return this == TOKENS ? step.tokens() : step.outputs();
    }
}
