package io.github.relayllm.kernels.backend;

/**
 * The sizes of one run of an {@link ExecutionPlan}: how many token rows it processes and how many of
 * them it produces output for. Everything else a step needs is in buffers.
 *
 * @param tokens token rows, at least 1
 * @param outputs output rows, from 0 to {@code tokens}
 */
public record Step(int tokens, int outputs) {
    public Step {
        if (tokens < 1 || outputs < 0 || outputs > tokens) {
            throw new IllegalArgumentException(
                    "a step needs 1 or more tokens and 0 to tokens outputs: %d tokens, %d outputs"
                            .formatted(tokens, outputs));
        }
    }

    /**
     * Checks that a plan compiled for {@code largest} can run this step.
     *
     * @throws IllegalArgumentException if this step has more tokens or more outputs than {@code largest}
     */
    public void requireWithin(Step largest) {
        if (tokens > largest.tokens || outputs > largest.outputs) {
            throw new IllegalArgumentException(
                    "a step of %d tokens and %d outputs is larger than the %d tokens and %d outputs the plan was compiled for"
                            .formatted(tokens, outputs, largest.tokens, largest.outputs));
        }
    }
}
