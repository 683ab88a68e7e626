package io.github.relayllm.core.relay.protocol;

import java.util.Locale;

/** How a request ended, as the reference reports it. */
public enum RelayStatus {
    /** An answer, possibly ended by a budget marker. */
    DONE,
    /** A bad {@code <call>} tag or a failed LLM call. */
    FAILED;

    /** {@code done} or {@code failed}, the reference's words. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
