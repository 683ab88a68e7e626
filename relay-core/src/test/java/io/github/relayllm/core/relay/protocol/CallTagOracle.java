package io.github.relayllm.core.relay.protocol;

import java.math.BigInteger;
import java.util.OptionalLong;

/**
 * An independent, char-by-char reading of the reference's call syntax, written without regexes or
 * {@link Character} whitespace predicates so that it can not share a mistake with {@link CallTags}:
 * Python's whitespace is the list {@code str.isspace()} accepts (printed by Python 3.11), a digit is
 * any code point of category Nd.
 */
final class CallTagOracle {
    private static final String OPEN = "<call>";
    private static final String CLOSE = "</call>";
    /** Every character for which Python's {@code str.isspace()} is true. */
    private static final String PYTHON_SPACES = "\t\n\u000B\f\r\u001C\u001D\u001E\u001F \u0085\u00A0\u1680"
            + "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A"
            + "\u2028\u2029\u202F\u205F\u3000";

    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private CallTagOracle() {}

    /**
     * Python's {@code re.search(r"<call>\s*(\d+)", text)}: the first {@code <call>} that whitespace
     * and at least one digit follow, its digits read as a number (saturated at {@link Long#MAX_VALUE}).
     */
    static OptionalLong requestedTokens(String text) {
        for (int open = text.indexOf(OPEN); open >= 0; open = text.indexOf(OPEN, open + 1)) {
            int at = skipSpaces(text, open + OPEN.length());
            BigInteger value = BigInteger.ZERO;
            int digits = 0;
            while (at < text.length() && isDigit(text.codePointAt(at))) {
                int codePoint = text.codePointAt(at);
                value = value.multiply(BigInteger.TEN).add(BigInteger.valueOf(Character.getNumericValue(codePoint)));
                digits++;
                at += Character.charCount(codePoint);
            }
            if (digits > 0) {
                return OptionalLong.of(value.min(LONG_MAX).longValue());
            }
        }
        return OptionalLong.empty();
    }

    /**
     * Python's {@code re.sub(r"<call>\s*\d+\s*</call>", " ", text).strip()}: one left-to-right pass
     * that replaces each complete tag it meets by a space, then the ends stripped.
     */
    static String llmBody(String text) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < text.length()) {
            int end = completeTagEnd(text, at);
            if (end >= 0) {
                out.append(' ');
                at = end;
            } else {
                out.append(text.charAt(at));
                at++;
            }
        }
        return strip(out.toString());
    }

    /** Whether a complete tag starts anywhere in {@code text}. */
    static boolean containsCompleteTag(String text) {
        for (int at = 0; at < text.length(); at++) {
            if (completeTagEnd(text, at) >= 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether some {@code <call>} is followed by another before any {@code </call>}: the only way one
     * pass of removals can close a tag around a removed one (the removed tag must sit between the
     * outer tag's {@code <call>} and its {@code </call>}).
     */
    static boolean opensInsideAnOpenTag(String text) {
        for (int open = text.indexOf(OPEN); open >= 0; open = text.indexOf(OPEN, open + 1)) {
            int nextOpen = text.indexOf(OPEN, open + 1);
            int nextClose = text.indexOf(CLOSE, open + 1);
            if (nextOpen >= 0 && (nextClose < 0 || nextOpen < nextClose)) {
                return true;
            }
        }
        return false;
    }

    /** Where the complete tag that starts at {@code at} ends, or -1 if none starts there. */
    private static int completeTagEnd(String text, int at) {
        if (!text.startsWith(OPEN, at)) {
            return -1;
        }
        int i = skipSpaces(text, at + OPEN.length());
        int digitsFrom = i;
        while (i < text.length() && isDigit(text.codePointAt(i))) {
            i += Character.charCount(text.codePointAt(i));
        }
        if (i == digitsFrom) {
            return -1;
        }
        i = skipSpaces(text, i);
        return text.startsWith(CLOSE, i) ? i + CLOSE.length() : -1;
    }

    private static String strip(String text) {
        int from = skipSpaces(text, 0);
        int to = text.length();
        while (to > from && isSpace(text.charAt(to - 1))) {
            to--;
        }
        return text.substring(from, to);
    }

    private static int skipSpaces(String text, int at) {
        while (at < text.length() && isSpace(text.charAt(at))) {
            at++;
        }
        return at;
    }

    private static boolean isSpace(char c) {
        return PYTHON_SPACES.indexOf(c) >= 0;
    }

    private static boolean isDigit(int codePoint) {
        return Character.getType(codePoint) == Character.DECIMAL_DIGIT_NUMBER;
    }
}
