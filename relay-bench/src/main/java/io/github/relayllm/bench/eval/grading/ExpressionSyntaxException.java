package io.github.relayllm.bench.eval.grading;

/**
 * An answer that is not an expression {@link ExpressionParser} understands. Not a user error: the
 * grader catches it and falls back to comparing normalized strings.
 */
public final class ExpressionSyntaxException extends IllegalArgumentException {
    private final int position;

    ExpressionSyntaxException(String text, int position, String reason) {
        super("%s at %d in \"%s\"".formatted(reason, position, text));
        this.position = position;
    }

    /** The character index in the parsed text where parsing stopped. */
    public int position() {
        return position;
    }
}
