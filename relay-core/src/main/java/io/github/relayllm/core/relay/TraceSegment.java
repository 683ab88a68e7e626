package io.github.relayllm.core.relay;

import java.util.List;
import java.util.Objects;

/**
 * A run of an answer written by one author in one turn: its text and the tokens that wrote it.
 *
 * @param author who wrote it
 * @param text its text, exactly as it stands in the answer
 * @param tokenIds the token ids generated for it (empty for markers and remote text whose ids are unknown)
 * @param turn the SLM turn (1-based) it belongs to or follows
 * @param call the LLM call (1-based) it answers, 0 for text that is not an LLM's
 */
public record TraceSegment(Author author, String text, List<Integer> tokenIds, int turn, int call) {
    public TraceSegment {
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(text, "text");
        tokenIds = List.copyOf(tokenIds);
    }
}
