package io.github.relayllm.bench.eval.grading;

import java.util.Optional;

/**
 * How a final answer is taken out of a model's response. Both modes are reported side by side by the
 * evaluation harness so that a score difference caused by extraction, not by the model, is visible.
 *
 * <p>Cost: one pass over the response for either mode; no regular-expression backtracking.
 */
public enum ExtractionMode {
    /**
     * Brace-matching {@code \boxed{...}} or {@code \fbox{...}}; the last complete box wins. Escaped
     * braces {@code \{ \}} inside a box do not count; an unclosed box is ignored.
     */
    STRICT {
        @Override
        public Optional<String> extract(String response) {
            return StrictBoxes.last(response);
        }
    },
    /**
     * The RelayLLM reference implementation's rule, Python's {@code re.search(r"\\boxed\{(.*)\}", text)}:
     * the first <code>\boxed{</code> that has a closing brace after it on its own line, greedy to the
     * last closing brace of that line ({@code .} stops only at {@code \n}). Kept bug-for-bug so that
     * our scores can be compared with the reference's.
     */
    REFERENCE {
        @Override
        public Optional<String> extract(String response) {
            return ReferenceBox.first(response);
        }
    };

    /** The answer text inside the box this mode selects, or empty when the response has none. */
    public abstract Optional<String> extract(String response);
}
