package io.github.relayllm.bench.eval.dataset;

import java.util.Optional;

/**
 * Finds the content of the last {@code \boxed{...}} in a solution, braces matched. Kept to the
 * dataset package on purpose: it reads reference solutions written by people, while the grader's
 * extractor reads model output and has its own, more forgiving rules.
 */
final class LastBoxed {
    private static final String BOXED = "\\boxed{";

    private LastBoxed() {}

    /**
     * The content of the last {@code \boxed{}} whose braces close, or empty. A backslash escapes the
     * character after it, so {@code \{} and {@code \}} (LaTeX set braces, possibly unpaired as in
     * {@code \left\{}) do not count, while {@code \\{} (a line break, then a group) does.
     */
    static Optional<String> find(String text) {
        for (int start = text.lastIndexOf(BOXED); start >= 0; start = text.lastIndexOf(BOXED, start - 1)) {
            Optional<String> content = groupAt(text, start + BOXED.length());
            if (content.isPresent()) {
                return content;
            }
        }
        return Optional.empty();
    }

    /** The text from {@code from} up to the brace that closes the group opened just before it. */
    private static Optional<String> groupAt(String text, int from) {
        int depth = 1;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return Optional.of(text.substring(from, i));
            }
        }
        return Optional.empty();
    }
}
