package io.github.relayllm.core.relay;

import java.util.Objects;

/**
 * A segment placed in its answer: where its text lies among the answer's chars and its tokens among
 * the answer's tokens. Offsets are half-open ({@code end} excluded); chars are UTF-16 code units, as
 * Java and JavaScript index strings; tokens are the segments' recorded token ids, so a marker or a
 * remote text without ids spans none.
 *
 * @param segment the segment
 * @param startChar where its text starts in the answer
 * @param endChar where its text ends ({@code startChar + text.length()})
 * @param startToken how many tokens the segments before it hold
 * @param endToken {@code startToken} plus its own tokens
 */
public record TraceSpan(TraceSegment segment, int startChar, int endChar, int startToken, int endToken) {
    public TraceSpan {
        Objects.requireNonNull(segment, "segment");
        if (endChar - startChar != segment.text().length()
                || endToken - startToken != segment.tokenIds().size()
                || startChar < 0
                || startToken < 0) {
            throw new IllegalArgumentException("a span [%d, %d) chars, [%d, %d) tokens does not fit its segment"
                    .formatted(startChar, endChar, startToken, endToken));
        }
    }
}
