package io.github.relayllm.core.tokenizer;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * What both tokenizer kinds know about their tokens, whichever file they came from: the piece and
 * type of every id and the id of every piece.
 *
 * <p>Ids a file leaves out (Hugging Face files omit padding ids) are {@link TokenType#UNUSED} with an
 * empty piece. A piece listed under two ids maps back to the lower one. Immutable; the arrays are
 * owned, not copied.
 */
final class TokenTable {
    private final String[] pieces;
    private final TokenType[] types;
    private final Map<String, Integer> ids;

    /**
     * @param pieces the piece of every id ({@code null} for an absent id)
     * @param types the type of every id ({@code null} for an absent id)
     */
    TokenTable(String[] pieces, TokenType[] types) {
        if (pieces.length != types.length) {
            throw new IllegalArgumentException("%d pieces for %d types".formatted(pieces.length, types.length));
        }
        this.pieces = pieces;
        this.types = types;
        this.ids = HashMap.newHashMap(pieces.length);
        for (int id = 0; id < pieces.length; id++) {
            if (pieces[id] == null) {
                pieces[id] = "";
                types[id] = TokenType.UNUSED;
            } else {
                ids.putIfAbsent(pieces[id], id);
            }
        }
    }

    /** The tokens of a GGUF vocabulary. */
    static TokenTable of(Vocabulary vocabulary) {
        TokenType[] types = new TokenType[vocabulary.size()];
        Arrays.setAll(types, vocabulary::type);
        return new TokenTable(vocabulary.tokens().toArray(String[]::new), types);
    }

    int size() {
        return pieces.length;
    }

    String piece(int id) {
        return pieces[id];
    }

    TokenType type(int id) {
        return types[id];
    }

    /** The id of {@code piece}, or -1. */
    int id(String piece) {
        Integer id = ids.get(piece);
        return id == null ? -1 : id;
    }

    OptionalInt idOf(String piece) {
        int id = id(piece);
        return id < 0 ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /** The byte a SentencePiece byte piece {@code <0xXX>} stands for, or -1 if {@code piece} is none. */
    static int byteOfPiece(String piece) {
        if (piece.length() != 6 || !piece.startsWith("<0x") || piece.charAt(5) != '>') {
            return -1;
        }
        int high = Character.digit(piece.charAt(3), 16);
        int low = Character.digit(piece.charAt(4), 16);
        return high < 0 || low < 0 ? -1 : high << 4 | low;
    }

    /** Checks that {@code id} is a valid id. */
    void requireId(int id) {
        if (id < 0 || id >= pieces.length) {
            throw new IllegalArgumentException("token id %d is outside 0..%d".formatted(id, pieces.length - 1));
        }
    }
}
