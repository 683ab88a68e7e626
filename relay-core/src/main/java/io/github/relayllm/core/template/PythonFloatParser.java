package io.github.relayllm.core.template;

import java.util.Locale;

/**
 * Python's {@code float(str)}: surrounding whitespace allowed, digits with optional underscores
 * between them, an optional fraction and exponent, or {@code inf} / {@code infinity} / {@code nan}
 * in any case. Anything else is not a float (Java's own parser would also accept {@code 1d} or hex).
 */
final class PythonFloatParser {
    private PythonFloatParser() {}

    /** The value, or null when {@code text} is not a Python float literal. */
    static Double parse(String text) {
        String trimmed = PythonStrings.strip(text, null);
        String body = trimmed.startsWith("-") || trimmed.startsWith("+") ? trimmed.substring(1) : trimmed;
        double sign = trimmed.startsWith("-") ? -1 : 1;
        switch (body.toLowerCase(Locale.ROOT)) {
            case "inf", "infinity" -> {
                return sign * Double.POSITIVE_INFINITY;
            }
            case "nan" -> {
                return Double.NaN;
            }
            default -> {}
        }
        if (!isDecimal(body)) {
            return null;
        }
        return sign * Double.parseDouble(body.replace("_", ""));
    }

    private static boolean isDecimal(String text) {
        int i = 0;
        int n = text.length();
        int integerDigits = countDigits(text, i);
        i += integerDigits;
        int fractionDigits = 0;
        if (i < n && text.charAt(i) == '.') {
            i++;
            fractionDigits = countDigits(text, i);
            i += fractionDigits;
        }
        if (integerDigits + fractionDigits == 0) {
            return false;
        }
        if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                i++;
            }
            int exponentDigits = countDigits(text, i);
            if (exponentDigits == 0) {
                return false;
            }
            i += exponentDigits;
        }
        return i == n;
    }

    /** The length of a run of ASCII digits where single underscores may sit between two digits. */
    private static int countDigits(String text, int start) {
        int i = start;
        while (i < text.length()) {
            char c = text.charAt(i);
            boolean digit = c >= '0' && c <= '9';
            boolean separator = c == '_' && i > start && i + 1 < text.length() && Character.isDigit(text.charAt(i + 1));
            if (!digit && !separator) {
                break;
            }
            i++;
        }
        return i - start;
    }
}
