package io.github.relayllm.core.relay;

import java.util.Locale;

/** Who put a piece of text into a relay's answer. */
public enum Author {
    /** The small model. */
    SLM,
    /** The large model, answering a call. */
    LLM,
    /** The scheduler on a policy's behalf: a call tag a scripted policy writes for the SLM. */
    SCHEDULER,
    /** The protocol's end-of-request marker, e.g. {@code [Info: Limit Reached]}. */
    MARKER;

    /** Whether a model wrote it (the SLM or the LLM): only models hand the pen to each other. */
    public boolean isModel() {
        return this == SLM || this == LLM;
    }

    /** The lowercase JSON name. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
