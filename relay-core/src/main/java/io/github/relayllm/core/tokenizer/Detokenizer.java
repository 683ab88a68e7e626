package io.github.relayllm.core.tokenizer;

import java.util.Arrays;

/** Joins token bytes into text: what {@link Tokenizer#decode} does for every tokenizer kind. */
final class Detokenizer {
    private Detokenizer() {}

    /**
     * The text of {@code ids}: their bytes joined and decoded as UTF-8, without the first byte when
     * it is a space and {@code dropLeadingSpace} (a SentencePiece dummy prefix).
     */
    static String decode(Tokenizer tokenizer, int[] ids, boolean dropLeadingSpace) {
        byte[] bytes = new byte[Math.max(16, ids.length * 4)];
        int length = 0;
        for (int id : ids) {
            byte[] piece = tokenizer.tokenBytes(id);
            if (length + piece.length > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(length + piece.length, bytes.length * 2));
            }
            System.arraycopy(piece, 0, bytes, length, piece.length);
            length += piece.length;
        }
        int start = dropLeadingSpace && length > 0 && bytes[0] == ' ' ? 1 : 0;
        return Utf8.decode(bytes, start, length);
    }
}
