package io.github.relayllm.core.generate;

import java.util.Locale;

/** Why a generation ended. */
public enum FinishReason {
    /** The model wrote an end-of-generation token (not part of the output). */
    EOS,
    /** The text reached a stop string. */
    STOP,
    /** The token budget ran out. */
    LENGTH,
    /** The caller cancelled it. */
    CANCELLED;

    /** The lowercase name JSON reports use: {@code eos}, {@code stop}, {@code length}, {@code cancelled}. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
