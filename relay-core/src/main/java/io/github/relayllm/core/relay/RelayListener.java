package io.github.relayllm.core.relay;

/**
 * Receives a relay's answer as it is written, and may cancel it. Called on the relay's thread; keep
 * it quick.
 */
public interface RelayListener {
    /** Does nothing and never cancels. */
    RelayListener NONE = new RelayListener() {};

    /** {@code text} became final in the answer, written by {@code author}. */
    default void onText(Author author, String text) {}

    /** Checked before every token: returning true ends the request (status failed, end cancelled). */
    default boolean isCancelled() {
        return false;
    }
}
