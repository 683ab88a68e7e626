package io.github.relayllm.bench.eval.grading;

import java.util.Optional;

/**
 * Python's {@code re.search(r"\\boxed\{(.*)\}", text).group(1)} without a regex engine, behind
 * {@link ExtractionMode#REFERENCE}. The search tries each <code>\boxed{</code> in order; the greedy
 * {@code (.*)} then backs off to the last closing brace before the next {@code \n}, and when there is
 * none the search moves on to the next <code>\boxed{</code>.
 */
final class ReferenceBox {
    private static final String OPENER = "\\boxed{";

    private ReferenceBox() {}

    static Optional<String> first(String text) {
        for (int start = text.indexOf(OPENER); start >= 0; start = text.indexOf(OPENER, start + 1)) {
            int contentStart = start + OPENER.length();
            int lineEnd = text.indexOf('\n', contentStart);
            if (lineEnd < 0) {
                lineEnd = text.length();
            }
            int close = text.lastIndexOf('}', lineEnd - 1);
            if (close >= contentStart) {
                return Optional.of(text.substring(contentStart, close));
            }
        }
        return Optional.empty();
    }
}
