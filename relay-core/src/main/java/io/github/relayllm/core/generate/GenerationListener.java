package io.github.relayllm.core.generate;

/**
 * Receives a generation as it happens, and may cancel it. Called on the generating thread; keep it
 * quick.
 */
public interface GenerationListener {
    /** Does nothing and never cancels. */
    GenerationListener NONE = new GenerationListener() {};

    /**
     * A token was generated; {@code text} is the output text that became final with it (possibly
     * empty: a character split across tokens, or text that may start a stop string, is held back).
     */
    default void onToken(int id, String text) {}

    /** Checked before each token: returning true ends the generation with {@link FinishReason#CANCELLED}. */
    default boolean isCancelled() {
        return false;
    }
}
