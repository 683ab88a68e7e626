package io.github.relayllm.core.relay.protocol;

/**
 * The texts the reference appends to an answer when it ends it, each on a new line. They are part of
 * the final answer that graders see, so they are reproduced to the character.
 */
public final class Markers {
    /** A call without digits. */
    public static final String BAD_CALL_TAG = "\n[Error: Bad <call> tag]";
    /** A call that found the budget spent (the call is not made). */
    public static final String LIMIT_AT_CALL = "\n[Error: Limit Reached]";
    /** The LLM's tokens spent the budget. */
    public static final String LIMIT_AFTER_CALL = "\n[Info: Limit Reached]";

    private Markers() {}

    /** A new SLM turn found the budget of {@code globalMaxTokens} spent. */
    public static String globalBudgetSpent(int globalMaxTokens) {
        return "\n[Error: Reached GLOBAL_MAX_TOKENS (" + globalMaxTokens + ")]";
    }

    /**
     * A failed LLM call, as the reference reports a failed service: a new line and the bracketed
     * error, e.g. {@code [Error: Service status 500]}.
     */
    public static String llmError(String message) {
        return "\n[Error: " + message + "]";
    }

    /**
     * A model's context window is full (beyond the reference, whose server would fail the request):
     * e.g. {@code [Error: Context limit of the SLM (8192 tokens)]}.
     */
    public static String contextLimit(String model, int tokens) {
        return llmError("Context limit of the %s (%d tokens)".formatted(model, tokens));
    }
}
