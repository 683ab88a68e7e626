package io.github.relayllm.core.relay.protocol;

import java.util.Locale;

/** What ended a request: finer than {@link RelayStatus}, for accounting and traces. */
public enum EndReason {
    /** The SLM ended a turn on its own (end-of-generation) without a call. */
    SLM_FINISHED,
    /**
     * The LLM wrote its end-of-generation token, or (LLM only) stopped at a length limit without a
     * token, so that asking again would get nothing either.
     */
    LLM_FINISHED,
    /** The SLM's last allowed turn ended (a call written in it is not served). */
    TURN_LIMIT,
    /** A new SLM turn found the global budget spent. */
    BUDGET_BEFORE_TURN,
    /** A call found the global budget spent. */
    BUDGET_AT_CALL,
    /** The LLM's tokens spent the global budget. */
    BUDGET_AFTER_CALL,
    /** {@code <call>} without digits. */
    BAD_CALL_TAG,
    /** The LLM could not be reached or answered garbage. */
    LLM_ERROR,
    /** A model's context window was full (an engine limit the reference does not have). */
    CONTEXT_LIMIT,
    /** The caller cancelled the request. */
    CANCELLED;

    /** The lowercase JSON name, e.g. {@code budget_at_call}. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
