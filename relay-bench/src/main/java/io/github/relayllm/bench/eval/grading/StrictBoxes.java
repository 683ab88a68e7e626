package io.github.relayllm.bench.eval.grading;

import java.util.Optional;

/** The brace-matching extractor behind {@link ExtractionMode#STRICT}. */
final class StrictBoxes {
    private static final String[] OPENERS = {"\\boxed{", "\\fbox{"};

    private StrictBoxes() {}

    /** The content of the last complete top-level box in {@code text}. */
    static Optional<String> last(String text) {
        String found = null;
        int from = 0;
        while (true) {
            int start = nextOpener(text, from);
            if (start < 0) {
                return Optional.ofNullable(found);
            }
            int open = text.indexOf('{', start);
            int close = matchingBrace(text, open);
            if (close < 0) {
                // An unclosed box (a truncated response) is not an answer; a later box still may be.
                from = open + 1;
            } else {
                found = text.substring(open + 1, close);
                from = close + 1;
            }
        }
    }

    private static int nextOpener(String text, int from) {
        int best = -1;
        for (String opener : OPENERS) {
            int at = text.indexOf(opener, from);
            if (at >= 0 && (best < 0 || at < best)) {
                best = at;
            }
        }
        return best;
    }

    /** Index of the brace closing the one at {@code open}, or -1; {@code \{} and {@code \}} are text. */
    static int matchingBrace(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
