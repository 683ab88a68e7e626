package io.github.relayllm.bench.eval.grading;

import java.util.ArrayList;
import java.util.List;

/**
 * The structure of a normalized answer, so that composite answers compare element by element: a
 * tuple or interval ({@code (1,2)}, {@code [0,1)}) is ordered and its brackets must match; a set
 * ({@code \{1,2\}}) or a bare list ({@code 1,2}) is unordered. Parsing is linear in the text.
 */
sealed interface AnswerShape {
    /** One value: a number, an expression or text. */
    record Scalar(String text) implements AnswerShape {}

    /** A tuple or an interval; {@code open} and {@code close} are its bracket characters. */
    record Ordered(char open, char close, List<AnswerShape> elements) implements AnswerShape {
        public Ordered {
            elements = List.copyOf(elements);
        }
    }

    /** A set or a bare comma-separated list, where order does not matter. */
    record Unordered(List<AnswerShape> elements) implements AnswerShape {
        public Unordered {
            elements = List.copyOf(elements);
        }
    }

    /** The shape of a {@link MathNormalizer normalized} answer. */
    static AnswerShape of(String s) {
        if (s.startsWith("\\{") && s.endsWith("\\}") && closingOf(s, 0) == s.length() - 1) {
            return new Unordered(elements(s.substring(2, s.length() - 2)));
        }
        if (s.length() >= 2
                && (s.charAt(0) == '(' || s.charAt(0) == '[')
                && (s.endsWith(")") || s.endsWith("]"))
                && closingOf(s, 0) == s.length() - 1) {
            List<String> parts = topLevelSplit(s.substring(1, s.length() - 1));
            if (parts.size() > 1) {
                return new Ordered(
                        s.charAt(0),
                        s.charAt(s.length() - 1),
                        parts.stream().map(AnswerShape::of).toList());
            }
        }
        List<String> parts = topLevelSplit(s);
        if (parts.size() > 1) {
            return new Unordered(parts.stream().map(AnswerShape::of).toList());
        }
        return new Scalar(s);
    }

    private static List<AnswerShape> elements(String inner) {
        return inner.isEmpty()
                ? List.of()
                : topLevelSplit(inner).stream().map(AnswerShape::of).toList();
    }

    /**
     * Index where the bracket opened at {@code start} closes, or -1. Any closer matches any opener
     * because a half-open interval {@code [0,1)} mixes them.
     */
    private static int closingOf(String s, int start) {
        int depth = 0;
        for (int i = start; i < s.length(); i++) {
            int delta = delta(s, i);
            if (s.charAt(i) == '\\' && i + 1 < s.length() && delta != 0) {
                i++;
            }
            depth += delta;
            if (depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> topLevelSplit(String s) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int from = 0;
        for (int i = 0; i < s.length(); i++) {
            int delta = delta(s, i);
            if (s.charAt(i) == '\\' && delta != 0) {
                i++;
            }
            depth += delta;
            if (depth == 0 && s.charAt(i) == ',') {
                parts.add(s.substring(from, i));
                from = i + 1;
            }
        }
        parts.add(s.substring(from));
        return parts;
    }

    /** +1 for an opening bracket at {@code i} ({@code \{} included), -1 for a closing one, else 0. */
    private static int delta(String s, int i) {
        char c = s.charAt(i);
        if (c == '\\') {
            if (i + 1 < s.length() && s.charAt(i + 1) == '{') {
                return 1;
            }
            return i + 1 < s.length() && s.charAt(i + 1) == '}' ? -1 : 0;
        }
        return switch (c) {
            case '(', '[', '{' -> 1;
            case ')', ']', '}' -> -1;
            default -> 0;
        };
    }
}
