package io.github.relayllm.core.relay.protocol;

/** Which model writes a request's answer. */
public enum Route {
    /** The SLM writes and calls the LLM with {@code <call>N</call>} (the protocol). */
    RELAY,
    /** The SLM alone; {@code <call>} is ordinary text (the SLM-only baseline). */
    SLM_ONLY,
    /** The LLM alone, from the first token (the LLM-only baseline). */
    LLM_ONLY
}
