package io.github.relayllm.core.tokenizer;

import java.util.Arrays;

/**
 * UTF-8 as tokenizers need it: code points to bytes, and bytes back to text with every ill-formed
 * run replaced the way Rust's {@code String::from_utf8_lossy} (and so Hugging Face's decoders)
 * replaces it: one U+FFFD per <em>maximal subpart</em> of an ill-formed sequence (Unicode 16, §3.9,
 * "U+FFFD Substitution of Maximal Subparts"). The JDK's own decoder differs on some inputs (it
 * turns {@code ED A0 80} into one U+FFFD where the standard practice gives three), hence this class.
 *
 * <p>Unpaired surrogates in Java strings are not text: they are encoded as U+FFFD, as llama.cpp
 * decodes invalid input.
 */
final class Utf8 {
    static final int REPLACEMENT = 0xFFFD;

    private Utf8() {}

    /** Number of UTF-8 bytes of code point {@code cp}. */
    static int length(int cp) {
        return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    }

    /**
     * The code point at {@code index} of {@code text}, with an unpaired surrogate read as U+FFFD.
     * Its length in chars is {@link Character#charCount} of the raw code point, which callers get
     * from {@link #charCountAt}.
     */
    static int codePointAt(CharSequence text, int index) {
        int cp = Character.codePointAt(text, index);
        return Character.isSurrogate((char) cp) && cp < 0x10000 ? REPLACEMENT : cp;
    }

    /** How many chars the code point at {@code index} occupies (2 for a surrogate pair, else 1). */
    static int charCountAt(CharSequence text, int index) {
        return Character.isHighSurrogate(text.charAt(index))
                        && index + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(index + 1))
                ? 2
                : 1;
    }

    /** Writes the UTF-8 bytes of {@code cp} at {@code out[at]}; returns the index after them. */
    static int put(int cp, byte[] out, int at) {
        if (cp < 0x80) {
            out[at++] = (byte) cp;
        } else if (cp < 0x800) {
            out[at++] = (byte) (0xC0 | cp >> 6);
            out[at++] = (byte) (0x80 | cp & 0x3F);
        } else if (cp < 0x10000) {
            out[at++] = (byte) (0xE0 | cp >> 12);
            out[at++] = (byte) (0x80 | cp >> 6 & 0x3F);
            out[at++] = (byte) (0x80 | cp & 0x3F);
        } else {
            out[at++] = (byte) (0xF0 | cp >> 18);
            out[at++] = (byte) (0x80 | cp >> 12 & 0x3F);
            out[at++] = (byte) (0x80 | cp >> 6 & 0x3F);
            out[at++] = (byte) (0x80 | cp & 0x3F);
        }
        return at;
    }

    /** The UTF-8 bytes of {@code text}, unpaired surrogates as U+FFFD. */
    static byte[] encode(CharSequence text) {
        byte[] out = new byte[text.length() * 3];
        int at = 0;
        for (int i = 0; i < text.length(); i += charCountAt(text, i)) {
            at = put(codePointAt(text, i), out, at);
        }
        return Arrays.copyOf(out, at);
    }

    /** {@code bytes[from, to)} as text, each maximal ill-formed subpart as one U+FFFD. */
    static String decode(byte[] bytes, int from, int to) {
        StringBuilder text = new StringBuilder(to - from);
        int i = from;
        while (i < to) {
            int lead = bytes[i] & 0xFF;
            if (lead < 0x80) {
                text.append((char) lead);
                i++;
                continue;
            }
            int valid = wellFormedPrefix(bytes, i, to);
            int needed = sequenceLength(lead);
            if (needed > 0 && valid == needed) {
                text.appendCodePoint(codePoint(bytes, i, needed));
                i += needed;
            } else {
                text.append((char) REPLACEMENT);
                i += Math.max(valid, 1);
            }
        }
        return text.toString();
    }

    /**
     * The length of the tail of {@code bytes[0, length)} that is an incomplete but so far
     * well-formed sequence (a lead byte and fewer continuation bytes than it needs): 0 to 3. More
     * bytes may complete it, so a streaming decoder holds it back; every byte before it decodes the
     * same whatever follows.
     */
    static int incompleteTail(byte[] bytes, int length) {
        for (int back = 1; back <= 3 && back <= length; back++) {
            int start = length - back;
            int lead = bytes[start] & 0xFF;
            if (lead < 0x80) {
                return 0;
            }
            if (lead < 0xC0) {
                continue; // a continuation byte: its lead byte, if any, is further back
            }
            int needed = sequenceLength(lead);
            return needed > back && wellFormedPrefix(bytes, start, length) == back ? back : 0;
        }
        return 0;
    }

    /** Total bytes of a sequence starting with {@code lead}; 0 for a byte that starts none. */
    private static int sequenceLength(int lead) {
        if (lead >= 0xC2 && lead <= 0xDF) {
            return 2;
        }
        if (lead >= 0xE0 && lead <= 0xEF) {
            return 3;
        }
        if (lead >= 0xF0 && lead <= 0xF4) {
            return 4;
        }
        return 0;
    }

    /**
     * How many bytes from {@code start} form a well-formed (possibly incomplete) sequence, per
     * Table 3-7 of the Unicode standard: 0 if the lead byte starts none.
     */
    private static int wellFormedPrefix(byte[] bytes, int start, int end) {
        int lead = bytes[start] & 0xFF;
        int needed = sequenceLength(lead);
        if (needed == 0) {
            return 0;
        }
        int count = 1;
        while (count < needed && start + count < end) {
            int b = bytes[start + count] & 0xFF;
            int low = 0x80;
            int high = 0xBF;
            if (count == 1) {
                switch (lead) {
                    case 0xE0 -> low = 0xA0;
                    case 0xED -> high = 0x9F;
                    case 0xF0 -> low = 0x90;
                    case 0xF4 -> high = 0x8F;
                    default -> {}
                }
            }
            if (b < low || b > high) {
                break;
            }
            count++;
        }
        return count;
    }

    private static int codePoint(byte[] bytes, int start, int length) {
        int cp = bytes[start] & (0xFF >> (length + 1));
        for (int k = 1; k < length; k++) {
            cp = cp << 6 | bytes[start + k] & 0x3F;
        }
        return cp;
    }
}
