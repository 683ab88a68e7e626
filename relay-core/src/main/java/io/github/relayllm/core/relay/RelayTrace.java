package io.github.relayllm.core.relay;

import java.util.List;
import java.util.Objects;

/**
 * Which model wrote every token of an answer: the base prompt, then the answer as segments in order.
 * The segments' texts joined are the final answer; a hand-off is wherever the author changes.
 *
 * @param basePrompt the prompt both models start from
 * @param segments the answer, in order
 */
public record RelayTrace(String basePrompt, List<TraceSegment> segments) {
    public RelayTrace {
        Objects.requireNonNull(basePrompt, "basePrompt");
        segments = List.copyOf(segments);
    }

    /** The answer: the segments' texts joined. */
    public String answer() {
        StringBuilder text = new StringBuilder();
        segments.forEach(s -> text.append(s.text()));
        return text.toString();
    }

    /** Tokens written by {@code author}. */
    public int tokens(Author author) {
        return segments.stream()
                .filter(s -> s.author() == author)
                .mapToInt(s -> s.tokenIds().size())
                .sum();
    }
}
