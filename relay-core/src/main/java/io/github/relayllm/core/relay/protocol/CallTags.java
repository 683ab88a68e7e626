package io.github.relayllm.core.relay.protocol;

import java.math.BigInteger;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference's three pieces of {@code <call>} syntax, with Python's regex semantics: a turn
 * calls when its text contains {@code <call>}; N is the first {@code <call>\s*(\d+)} (closing tag
 * not needed); the LLM's context drops every complete {@code <call>\s*\d+\s*</call>} for one space
 * and is stripped.
 *
 * <p>Python's {@code \s}, {@code \d} and {@code str.strip()} on text are Unicode-aware, so this class
 * spells out their sets instead of using Java's ASCII defaults: {@code \d} is any decimal digit
 * (category Nd, so {@code <call>٣</call>} asks for 3), whitespace is Python's {@code str.isspace()}.
 */
public final class CallTags {
    /** The text that makes a turn a call. */
    public static final String OPEN = "<call>";
    /** The SLM's stop string, kept in its output. */
    public static final String CLOSE = "</call>";

    private static final String SPACE =
            "[\\t\\n\\x0B\\f\\r\\x1C-\\x1F \\x85\\xA0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000]";
    private static final Pattern REQUEST = Pattern.compile("<call>" + SPACE + "*(\\p{Nd}+)");
    private static final Pattern COMPLETE = Pattern.compile("<call>" + SPACE + "*\\p{Nd}+" + SPACE + "*</call>");
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private CallTags() {}

    /** Whether a turn's text makes it a call. */
    public static boolean calls(String turnText) {
        return turnText.contains(OPEN);
    }

    /**
     * The N of the first {@code <call>N} in a turn's text; empty when no {@code <call>} is followed by
     * digits (a bad tag). N past {@link Long#MAX_VALUE} (such as {@code 10^12} written out, or longer)
     * saturates: the budget caps it anyway.
     */
    public static OptionalLong requestedTokens(String turnText) {
        Matcher m = REQUEST.matcher(turnText);
        if (!m.find()) {
            return OptionalLong.empty();
        }
        String digits = m.group(1);
        BigInteger n = BigInteger.ZERO;
        for (int i = 0; i < digits.length(); ) {
            int codePoint = digits.codePointAt(i);
            n = n.multiply(BigInteger.TEN).add(BigInteger.valueOf(Character.digit(codePoint, 10)));
            if (n.compareTo(LONG_MAX) > 0) {
                return OptionalLong.of(Long.MAX_VALUE);
            }
            i += Character.charCount(codePoint);
        }
        return OptionalLong.of(n.longValue());
    }

    /** The LLM's view of a transcript: every complete tag one space, then stripped as Python strips. */
    public static String llmBody(String transcript) {
        return strip(COMPLETE.matcher(transcript).replaceAll(" "));
    }

    /** Whether {@code text} holds a complete call tag (one the LLM must never see). */
    public static boolean containsCompleteTag(String text) {
        return COMPLETE.matcher(text).find();
    }

    /** Python's {@code str.strip()}: leading and trailing {@link #isPythonSpace} characters removed. */
    public static String strip(String text) {
        int from = 0;
        int to = text.length();
        while (from < to && isPythonSpace(text.charAt(from))) {
            from++;
        }
        while (to > from && isPythonSpace(text.charAt(to - 1))) {
            to--;
        }
        return text.substring(from, to);
    }

    /** Python's {@code str.isspace()} for one character (all its whitespace lies in the BMP). */
    public static boolean isPythonSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
    }
}
