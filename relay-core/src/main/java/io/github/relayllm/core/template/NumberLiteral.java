package io.github.relayllm.core.template;

import java.util.Locale;

/**
 * The extent and kind of a number literal, following jinja2's lexer: floats are {@code 1.5},
 * {@code 1e3}, {@code 1.5E-3} (digits on both sides of the point); integers are decimal,
 * {@code 0b}, {@code 0o} or {@code 0x}; underscores may separate digits.
 */
record NumberLiteral(int end, boolean isFloat) {
    /** Scans the number starting at {@code start}, which holds a digit. */
    static NumberLiteral scan(String source, int start) {
        // jinja2's float rule has a (?<!\.) look-behind: after a dot, "0.5" is item 0 then item 5.
        boolean afterDot = start > 0 && source.charAt(start - 1) == '.';
        int digitsEnd = digits(source, start, 10);
        if (!afterDot) {
            int fraction = -1;
            if (digitsEnd < source.length() && source.charAt(digitsEnd) == '.') {
                int end = digits(source, digitsEnd + 1, 10);
                fraction = end > digitsEnd + 1 ? end : -1;
            }
            int exponent = exponent(source, fraction >= 0 ? fraction : digitsEnd);
            if (exponent >= 0) {
                return new NumberLiteral(exponent, true);
            }
            if (fraction >= 0) {
                return new NumberLiteral(fraction, true);
            }
        }
        return new NumberLiteral(integerEnd(source, start), false);
    }

    /** The value of an integer lexeme, or a message-bearing exception when it does not fit 64 bits. */
    static long parseInteger(String lexeme) {
        String text = lexeme.replace("_", "").toLowerCase(Locale.ROOT);
        int radix = 10;
        if (text.length() > 1 && text.charAt(0) == '0') {
            radix = switch (text.charAt(1)) {
                case 'b' -> 2;
                case 'o' -> 8;
                case 'x' -> 16;
                default -> 10;
            };
        }
        return Long.parseLong(radix == 10 ? text : text.substring(2), radix);
    }

    static double parseFloat(String lexeme) {
        return Double.parseDouble(lexeme.replace("_", ""));
    }

    private static int exponent(String source, int at) {
        if (at >= source.length() || (source.charAt(at) != 'e' && source.charAt(at) != 'E')) {
            return -1;
        }
        int i = at + 1;
        if (i < source.length() && (source.charAt(i) == '+' || source.charAt(i) == '-')) {
            i++;
        }
        int end = digits(source, i, 10);
        return end > i ? end : -1;
    }

    private static int integerEnd(String source, int start) {
        if (source.charAt(start) == '0' && start + 1 < source.length()) {
            int radix = switch (Character.toLowerCase(source.charAt(start + 1))) {
                case 'b' -> 2;
                case 'o' -> 8;
                case 'x' -> 16;
                default -> 0;
            };
            if (radix != 0) {
                int end = digits(source, start + 2, radix);
                if (end > start + 2) {
                    return end;
                }
            }
            // "0", "00", "0_0": jinja2 reads only zeros after a leading zero.
            int i = start + 1;
            while (i < source.length() && (source.charAt(i) == '0' || isSeparatedZero(source, i))) {
                i += source.charAt(i) == '_' ? 2 : 1;
            }
            return i;
        }
        return digits(source, start, 10);
    }

    private static boolean isSeparatedZero(String source, int i) {
        return source.charAt(i) == '_' && i + 1 < source.length() && source.charAt(i + 1) == '0';
    }

    /** The end of a run of digits in {@code radix} where single underscores may sit between digits. */
    private static int digits(String source, int start, int radix) {
        int i = start;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (Character.digit(c, radix) >= 0) {
                i++;
            } else if (c == '_'
                    && i > start
                    && i + 1 < source.length()
                    && Character.digit(source.charAt(i + 1), radix) >= 0) {
                i++;
            } else {
                break;
            }
        }
        return i;
    }
}
