package io.github.relayllm.kernels.backend;

/**
 * A per-step int input of an op holds a value its buffers cannot serve: a token id beyond the
 * embedding table, a slot beyond the cache, a position beyond the block table, a negative index. Thrown
 * by {@link ExecutionPlan#run}, which stops there: the step's outputs are then undefined, but no memory
 * outside the op's buffers has been touched. The message names the op, the input, the row and the
 * allowed range.
 */
public final class StepInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private StepInputException(String message) {
        super(message);
    }

    /**
     * Checks {@code 0 <= value < limit}.
     *
     * @param op the op's name, as {@code "Embed"}
     * @param input what the value is, as {@code "token id"}
     * @param row the row the value belongs to
     * @return {@code value}
     * @throws StepInputException if the value is outside the range
     */
    public static int requireIndex(String op, String input, int row, int value, long limit) {
        if (value < 0 || value >= limit) {
            throw new StepInputException(
                    "%s: %s %d of row %d is outside [0, %d)".formatted(op, input, value, row, limit));
        }
        return value;
    }
}
