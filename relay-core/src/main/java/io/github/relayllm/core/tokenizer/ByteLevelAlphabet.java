package io.github.relayllm.core.tokenizer;

import java.util.Arrays;

/**
 * GPT-2's byte-to-unicode mapping, which byte-level BPE vocabularies (GPT-2, Llama 3, Qwen) are
 * written in: each of the 256 byte values is one printable character, so that every piece of every
 * token is a visible string. Printable Latin-1 bytes map to themselves; the other 68 (controls,
 * space, DEL, NBSP, soft hyphen) map to U+0100 onwards in byte order, so the space byte is {@code Ġ}.
 */
public final class ByteLevelAlphabet {
    private static final char[] CHAR_OF_BYTE = new char[256];
    private static final int[] BYTE_OF_CHAR = new int[512];

    static {
        Arrays.fill(BYTE_OF_CHAR, -1);
        int next = 256;
        for (int b = 0; b < 256; b++) {
            char c = isPrintable(b) ? (char) b : (char) next++;
            CHAR_OF_BYTE[b] = c;
            BYTE_OF_CHAR[c] = b;
        }
    }

    private ByteLevelAlphabet() {}

    /** The character byte {@code b} (0..255) is written as. */
    public static char charOf(int b) {
        return CHAR_OF_BYTE[b];
    }

    /** The byte character {@code c} stands for, or -1 if it is not in the alphabet. */
    public static int byteOf(char c) {
        return c < BYTE_OF_CHAR.length ? BYTE_OF_CHAR[c] : -1;
    }

    /** A piece of text in the alphabet: each UTF-8 byte of {@code bytes} as its character. */
    public static String encode(byte[] bytes) {
        char[] chars = new char[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            chars[i] = CHAR_OF_BYTE[bytes[i] & 0xff];
        }
        return new String(chars);
    }

    private static boolean isPrintable(int b) {
        return (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
    }
}
