package io.github.relayllm.bench.eval.grading;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a LaTeX answer into a canonical string: two spellings of the same answer that differ only in
 * typesetting normalize to the same text. Follows the Qwen2.5-Math evaluation's {@code strip_string}
 * conventions where they apply:
 *
 * <ul>
 *   <li>{@code $} delimiters, {@code \$}, {@code \%} and {@code %}, degree marks ({@code ^\circ}),
 *       {@code \left}/{@code \right}, {@code \displaystyle} and LaTeX spacing are removed; a percentage
 *       is its number, so {@code 50\%} normalizes to {@code 50}, not {@code 0.5};
 *   <li>{@code \dfrac} and {@code \tfrac} become {@code \frac}; {@code \frac12} becomes
 *       {@code \frac{1}{2}} and {@code \sqrt2} becomes {@code \sqrt{2}};
 *   <li>{@code \text{...}} (and {@code \mathrm}, {@code \mbox}, {@code \textbf}) after other content
 *       is a unit and is dropped with its power ({@code 12\text{ cm}^2} is {@code 12}); on its own it
 *       is unwrapped ({@code \text{Evelyn}} is {@code Evelyn}); {@code \text{ and }} is a comma;
 *   <li>a leading {@code x =} with a one-symbol left side is dropped;
 *   <li>{@code 1,000} and {@code 1{,}000} are {@code 1000} when the whole answer is such a number
 *       (so {@code (1,2)} stays a tuple, but a bare {@code 100,200} reads as one number);
 *   <li>whitespace is removed except where it ends a command name ({@code \pi r}).
 * </ul>
 *
 * The result is a fixed point: normalizing it again changes nothing. Cost: a few linear passes.
 */
public final class MathNormalizer {
    private static final Pattern DEGREES = Pattern.compile("\\^\\s*\\{?\\s*\\\\circ\\s*\\}?|\\\\circ|°|\\\\degree");
    private static final Pattern LEFT_RIGHT = Pattern.compile("\\\\(left|right)(?![a-zA-Z])\\.?");
    private static final Pattern SPACING = Pattern.compile("\\\\[!,;:> ]|\\\\q?quad(?![a-zA-Z])|~");
    private static final Pattern TEXT_COMMAND =
            Pattern.compile("\\\\(text|textbf|textrm|mathrm|mbox|textnormal)\\s*\\{");
    private static final Pattern UNIT_POWER = Pattern.compile("^\\s*\\^\\s*(\\{\\s*\\d\\s*}|\\d)");
    private static final Pattern ASSIGNMENT = Pattern.compile("^([a-zA-Z](_\\{?\\w+}?)?|\\\\[a-zA-Z]+)=(?!=)");
    private static final Pattern THOUSANDS = Pattern.compile("-?\\d{1,3}(,\\d{3})+(\\.\\d+)?");
    private static final Pattern FRAC_SHORT = Pattern.compile("\\\\frac(\\d|\\{[^{}]*})(\\d|\\{[^{}]*})");
    private static final Pattern SQRT_SHORT = Pattern.compile("\\\\sqrt(\\w)");
    private static final Pattern BARE_DECIMAL = Pattern.compile("(?<![\\d}])\\.(\\d)");

    private MathNormalizer() {}

    /** The canonical form of {@code answer}; never null, empty only for an empty answer. */
    public static String normalize(String answer) {
        String current = answer;
        // Each pass can expose work for another (a $-wrapped "x = \text{5}"); a handful always settles.
        for (int i = 0; i < 5; i++) {
            String next = pass(current);
            if (next.equals(current)) {
                return next;
            }
            current = next;
        }
        return current;
    }

    private static String pass(String s) {
        s = s.replace('\n', ' ').strip();
        s = s.replace("\\$", "").replace("$", "");
        s = s.replace("\\dfrac", "\\frac").replace("\\tfrac", "\\frac");
        s = s.replace("\\displaystyle", "");
        s = LEFT_RIGHT.matcher(s).replaceAll("");
        s = SPACING.matcher(s).replaceAll(" ");
        s = DEGREES.matcher(s).replaceAll("");
        s = s.replace("\\%", "").replace("%", "");
        s = s.replace("{,}", ",");
        s = texts(s);
        s = withoutSpaces(s);
        s = ASSIGNMENT.matcher(s).replaceFirst("");
        if (THOUSANDS.matcher(s).matches()) {
            s = s.replace(",", "");
        }
        s = FRAC_SHORT
                .matcher(s)
                .replaceAll(m -> Matcher.quoteReplacement("\\frac" + braced(m.group(1)) + braced(m.group(2))));
        s = SQRT_SHORT.matcher(s).replaceAll("\\\\sqrt{$1}");
        s = BARE_DECIMAL.matcher(s).replaceAll("0.$1");
        if (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        return unwrapBraces(s);
    }

    private static String braced(String group) {
        return group.startsWith("{") ? group : "{" + group + "}";
    }

    /** Drops unit texts after content, unwraps other texts. */
    private static String texts(String s) {
        Matcher m = TEXT_COMMAND.matcher(s);
        StringBuilder out = new StringBuilder();
        int from = 0;
        while (m.find(from)) {
            int open = m.end() - 1;
            int close = StrictBoxes.matchingBrace(s, open);
            if (close < 0) {
                break;
            }
            out.append(s, from, m.start());
            String content = s.substring(open + 1, close).strip();
            int after = close + 1;
            if (content.equals("and") || content.equals("or")) {
                out.append(',');
            } else if (!out.toString().isBlank() && !content.isEmpty()) {
                Matcher power = UNIT_POWER.matcher(s.substring(after));
                if (power.find()) {
                    after += power.end();
                }
            } else {
                out.append(content);
            }
            from = after;
        }
        return out.append(s.substring(from)).toString();
    }

    /** Removes whitespace, keeping one space where it ends a command name before a letter. */
    private static String withoutSpaces(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isWhitespace(c)) {
                out.append(c);
                continue;
            }
            int next = i;
            while (next < s.length() && Character.isWhitespace(s.charAt(next))) {
                next++;
            }
            if (next < s.length() && Character.isLetter(s.charAt(next)) && endsWithCommand(out)) {
                out.append(' ');
            }
            i = next - 1;
        }
        return out.toString();
    }

    private static boolean endsWithCommand(CharSequence s) {
        int i = s.length() - 1;
        while (i >= 0 && Character.isLetter(s.charAt(i))) {
            i--;
        }
        return i >= 0 && i < s.length() - 1 && s.charAt(i) == '\\';
    }

    /** {@code {5}} is {@code 5}: braces around the whole answer are grouping, not a set. */
    private static String unwrapBraces(String s) {
        if (s.length() >= 2 && s.charAt(0) == '{' && StrictBoxes.matchingBrace(s, 0) == s.length() - 1) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }
}
