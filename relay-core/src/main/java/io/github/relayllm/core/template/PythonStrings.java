package io.github.relayllm.core.template;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Python's {@code str} semantics on Java strings: whitespace as {@code str.isspace()} defines it,
 * strip, split, splitlines, title and capitalize, and indexing by code point rather than UTF-16 unit
 * (so {@code len("🙂")} is 1, as in Python).
 */
final class PythonStrings {
    private PythonStrings() {}

    /** Python's {@code str.isspace()} for one character (every Python whitespace character is in the BMP). */
    static boolean isSpace(char c) {
        return switch (c) {
            case ' ', '\t', '\n', '\u000B', '\f', '\r', '\u001C', '\u001D', '\u001E', '\u001F' -> true;
            case '\u0085', '\u00A0', '\u1680', '\u2028', '\u2029', '\u202F', '\u205F', '\u3000' -> true;
            default -> c >= '\u2000' && c <= '\u200A';
        };
    }

    static String strip(String text, String chars) {
        return rstrip(lstrip(text, chars), chars);
    }

    static String rstrip(String text) {
        return rstrip(text, null);
    }

    /** {@code str.lstrip(chars)}; {@code chars} null strips whitespace. */
    static String lstrip(String text, String chars) {
        int start = 0;
        while (start < text.length()) {
            int cp = text.codePointAt(start);
            if (!isStripped(cp, chars)) {
                break;
            }
            start += Character.charCount(cp);
        }
        return text.substring(start);
    }

    static String rstrip(String text, String chars) {
        int end = text.length();
        while (end > 0) {
            int cp = text.codePointBefore(end);
            if (!isStripped(cp, chars)) {
                break;
            }
            end -= Character.charCount(cp);
        }
        return text.substring(0, end);
    }

    private static boolean isStripped(int codePoint, String chars) {
        if (chars == null) {
            return codePoint <= 0xFFFF && isSpace((char) codePoint);
        }
        return chars.indexOf(codePoint) >= 0;
    }

    /** {@code str.split(separator, maxSplit)}; {@code separator} null splits on whitespace runs. */
    static List<String> split(String text, String separator, long maxSplit) {
        if (separator == null) {
            return splitOnWhitespace(text, maxSplit);
        }
        requireSeparator(separator);
        List<String> parts = new ArrayList<>();
        int start = 0;
        int found;
        while ((maxSplit < 0 || parts.size() < maxSplit) && (found = text.indexOf(separator, start)) >= 0) {
            parts.add(text.substring(start, found));
            start = found + separator.length();
        }
        parts.add(text.substring(start));
        return parts;
    }

    /** {@code str.rsplit(separator, maxSplit)}: like split, but the splits are counted from the right. */
    static List<String> rsplit(String text, String separator, long maxSplit) {
        if (separator == null) {
            return rsplitOnWhitespace(text, maxSplit);
        }
        requireSeparator(separator);
        List<String> parts = new ArrayList<>();
        int end = text.length();
        int found;
        while ((maxSplit < 0 || parts.size() < maxSplit)
                && end >= separator.length()
                && (found = text.lastIndexOf(separator, end - separator.length())) >= 0) {
            parts.add(text.substring(found + separator.length(), end));
            end = found;
        }
        parts.add(text.substring(0, end));
        Collections.reverse(parts);
        return parts;
    }

    private static void requireSeparator(String separator) {
        if (separator.isEmpty()) {
            throw new RenderError("empty separator");
        }
    }

    private static List<String> splitOnWhitespace(String text, long maxSplit) {
        List<String> parts = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (true) {
            while (i < n && isSpace(text.charAt(i))) {
                i++;
            }
            if (i == n) {
                return parts;
            }
            if (maxSplit >= 0 && parts.size() == maxSplit) {
                parts.add(text.substring(i));
                return parts;
            }
            int start = i;
            while (i < n && !isSpace(text.charAt(i))) {
                i++;
            }
            parts.add(text.substring(start, i));
        }
    }

    private static List<String> rsplitOnWhitespace(String text, long maxSplit) {
        List<String> parts = new ArrayList<>();
        int i = text.length();
        while (true) {
            while (i > 0 && isSpace(text.charAt(i - 1))) {
                i--;
            }
            if (i == 0) {
                break;
            }
            if (maxSplit >= 0 && parts.size() == maxSplit) {
                parts.add(text.substring(0, i));
                break;
            }
            int end = i;
            while (i > 0 && !isSpace(text.charAt(i - 1))) {
                i--;
            }
            parts.add(text.substring(i, end));
        }
        Collections.reverse(parts);
        return parts;
    }

    /** {@code str.splitlines()}: splits at every Python line boundary, dropping the boundaries. */
    static List<String> splitLines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (isLineBoundary(c)) {
                lines.add(text.substring(start, i));
                i += c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n' ? 2 : 1;
                start = i;
            } else {
                i++;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    private static boolean isLineBoundary(char c) {
        return switch (c) {
            case '\n', '\r', '\u000B', '\f', '\u001C', '\u001D', '\u001E', '\u0085', '\u2028', '\u2029' -> true;
            default -> false;
        };
    }

    /** {@code str.title()}: upper-cases a letter that follows an uncased character, lower-cases the rest. */
    static String title(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean previousCased = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            out.appendCodePoint(previousCased ? Character.toLowerCase(cp) : Character.toTitleCase(cp));
            previousCased = Character.isUpperCase(cp) || Character.isLowerCase(cp) || Character.isTitleCase(cp);
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    /** {@code str.capitalize()}: the first character in title case, the rest lower case. */
    static String capitalize(String text) {
        if (text.isEmpty()) {
            return text;
        }
        int first = text.codePointAt(0);
        int rest = Character.charCount(first);
        return new StringBuilder()
                .appendCodePoint(Character.toTitleCase(first))
                .append(lower(text.substring(rest)))
                .toString();
    }

    static String upper(String text) {
        return text.toUpperCase(Locale.ROOT);
    }

    static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    /** {@code len(text)}: the number of code points. */
    static int length(String text) {
        return text.codePointCount(0, text.length());
    }

    /** The code points of {@code text} selected by {@code range}. */
    static String slice(String text, SliceRange range) {
        int[] codePoints = text.codePoints().toArray();
        StringBuilder out = new StringBuilder(range.count());
        for (int i = 0; i < range.count(); i++) {
            out.appendCodePoint(codePoints[range.position(i)]);
        }
        return out.toString();
    }

    /** The code point at Python index {@code index} (negative counts from the end), or null out of range. */
    static String charAt(String text, long index) {
        int length = length(text);
        long position = index < 0 ? index + length : index;
        if (position < 0 || position >= length) {
            return null;
        }
        int offset = text.offsetByCodePoints(0, (int) position);
        return text.substring(offset, offset + Character.charCount(text.codePointAt(offset)));
    }

    /** {@code str.find(sub)}: the code point index of the first occurrence, or -1. */
    static long find(String text, String sub) {
        int at = text.indexOf(sub);
        return at < 0 ? -1 : text.codePointCount(0, at);
    }

    static long rfind(String text, String sub) {
        int at = text.lastIndexOf(sub);
        return at < 0 ? -1 : text.codePointCount(0, at);
    }

    /** {@code str.count(sub)}: non-overlapping occurrences; an empty {@code sub} matches between every character. */
    static long count(String text, String sub) {
        if (sub.isEmpty()) {
            return length(text) + 1L;
        }
        long count = 0;
        for (int at = text.indexOf(sub); at >= 0; at = text.indexOf(sub, at + sub.length())) {
            count++;
        }
        return count;
    }

    /** {@code str.replace(old, new, count)}; a negative {@code count} replaces every occurrence. */
    static String replace(String text, String old, String replacement, long count) {
        if (count < 0) {
            return text.replace(old, replacement);
        }
        StringBuilder out = new StringBuilder(text.length());
        int start = 0;
        for (long done = 0; done < count; done++) {
            if (old.isEmpty()) {
                if (start > text.length()) {
                    break;
                }
                out.append(replacement);
                if (start < text.length()) {
                    int next = start + Character.charCount(text.codePointAt(start));
                    out.append(text, start, next);
                    start = next;
                } else {
                    start++;
                }
                continue;
            }
            int found = text.indexOf(old, start);
            if (found < 0) {
                break;
            }
            out.append(text, start, found).append(replacement);
            start = found + old.length();
        }
        if (start <= text.length()) {
            out.append(text, start, text.length());
        }
        return out.toString();
    }

    /** markupsafe's escape: {@code & < > " '} as HTML entities. */
    static String escapeHtml(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            String entity = switch (text.charAt(i)) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&#34;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (entity != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (entity != null) {
                    out.append(entity);
                } else {
                    out.append(text.charAt(i));
                }
            }
        }
        return out == null ? text : out.toString();
    }
}
