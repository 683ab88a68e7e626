package io.github.relayllm.core.relay;

import java.util.Objects;

/**
 * The pen passing between the SLM and the LLM: the first segment of one after a segment of the
 * other, whatever scheduler-written tags lie between. Markers never take the pen.
 *
 * @param segment the index of the segment that takes the pen
 * @param atChar where that segment starts in the answer (UTF-16 code units)
 * @param atToken how many of the answer's tokens come before it
 * @param from who had the pen
 * @param to who takes it
 * @param turn the SLM turn of the segment that takes the pen
 * @param call the LLM call the hand-off starts (to the LLM) or ends (back to the SLM)
 */
public record HandOff(int segment, int atChar, int atToken, Author from, Author to, int turn, int call) {
    public HandOff {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isModel() || !to.isModel() || from == to) {
            throw new IllegalArgumentException(
                    "a hand-off passes between the SLM and the LLM, not %s and %s".formatted(from, to));
        }
    }
}
