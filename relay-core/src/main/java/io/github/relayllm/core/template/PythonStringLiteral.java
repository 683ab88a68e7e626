package io.github.relayllm.core.template;

/**
 * Decodes the body of a template string literal the way jinja2 does: it encodes the text to ASCII
 * with {@code backslashreplace} and decodes the result with Python's {@code unicode-escape} codec.
 *
 * <p>So the escapes are Python's: {@code \n \t \r \\ \' \"}, {@code \a \b \f \v}, octal
 * {@code \ooo}, hexadecimal {@code \xhh} (and the 4- and 8-digit forms introduced by a backslash and
 * {@code u} or {@code U}), and named {@code \N{BULLET}}; an unknown escape such as {@code \q} stays as written, a backslash
 * before a newline joins the lines, and a backslash before a non-ASCII character reads that
 * character's own escape ({@code "\é"} is {@code \xe9}, four characters), exactly as in jinja2.
 */
final class PythonStringLiteral {
    private PythonStringLiteral() {}

    /** The decoded text; an {@link IllegalArgumentException} names a malformed escape. */
    static String decode(String body) {
        if (body.indexOf('\\') < 0) {
            return body;
        }
        String ascii = backslashReplace(body);
        StringBuilder out = new StringBuilder(ascii.length());
        int i = 0;
        while (i < ascii.length()) {
            char c = ascii.charAt(i);
            if (c != '\\') {
                out.append(c);
                i++;
                continue;
            }
            if (i + 1 >= ascii.length()) {
                throw new IllegalArgumentException("string literal ends with a lone backslash");
            }
            i = decodeEscape(ascii, i + 1, out);
        }
        return out.toString();
    }

    private static String backslashReplace(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(cp -> {
            if (cp < 0x80) {
                out.append((char) cp);
            } else if (cp <= 0xFF) {
                out.append("\\x").append(hex(cp, 2));
            } else if (cp <= 0xFFFF) {
                out.append("\\u").append(hex(cp, 4));
            } else {
                out.append("\\U").append(hex(cp, 8));
            }
        });
        return out.toString();
    }

    private static String hex(int value, int digits) {
        String hex = Integer.toHexString(value);
        return "0".repeat(digits - hex.length()) + hex;
    }

    /** Decodes the escape whose letter sits at {@code at}; returns the index after it. */
    private static int decodeEscape(String text, int at, StringBuilder out) {
        char c = text.charAt(at);
        switch (c) {
            case '\n' -> {}
            case '\\', '\'', '"' -> out.append(c);
            case 'a' -> out.append('\u0007');
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case 'v' -> out.append('\u000B');
            case 'x' -> {
                return appendCodePoint(text, at + 1, 2, out);
            }
            case 'u' -> {
                return appendCodePoint(text, at + 1, 4, out);
            }
            case 'U' -> {
                return appendCodePoint(text, at + 1, 8, out);
            }
            case 'N' -> {
                return appendNamed(text, at + 1, out);
            }
            default -> {
                if (c >= '0' && c <= '7') {
                    int end = at;
                    while (end < text.length() && end < at + 3 && text.charAt(end) >= '0' && text.charAt(end) <= '7') {
                        end++;
                    }
                    out.append((char) Integer.parseInt(text.substring(at, end), 8));
                    return end;
                }
                out.append('\\').append(c);
            }
        }
        return at + 1;
    }

    private static int appendCodePoint(String text, int start, int digits, StringBuilder out) {
        int end = start + digits;
        if (end > text.length()) {
            throw new IllegalArgumentException("truncated \\" + text.charAt(start - 1) + " escape");
        }
        int value = 0;
        for (int i = start; i < end; i++) {
            int digit = Character.digit(text.charAt(i), 16);
            if (digit < 0) {
                throw new IllegalArgumentException("truncated \\" + text.charAt(start - 1) + " escape");
            }
            value = value * 16 + digit;
        }
        if (value < 0 || value > Character.MAX_CODE_POINT) {
            throw new IllegalArgumentException("illegal Unicode character in \\U escape");
        }
        out.appendCodePoint(value);
        return end;
    }

    private static int appendNamed(String text, int start, StringBuilder out) {
        int close = text.indexOf('}', start);
        if (start >= text.length() || text.charAt(start) != '{' || close < 0) {
            throw new IllegalArgumentException("malformed \\N character escape");
        }
        try {
            out.appendCodePoint(Character.codePointOf(text.substring(start + 1, close)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown Unicode character name in \\N escape", e);
        }
        return close + 1;
    }
}
