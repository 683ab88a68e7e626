package io.github.relayllm.core.tokenizer;

import io.github.relayllm.core.format.ModelFormatException;
import java.util.HashMap;
import java.util.Map;

/**
 * Collects the tokens of a {@code tokenizer.json} by id, where they come in two lists ({@code
 * model.vocab} and {@code added_tokens}) that may overlap, and checks that they agree: one piece per
 * id, and not so many absent ids that a hostile file could make the table huge.
 */
final class TokenTableBuilder {
    /** Absent ids tolerated beyond one per listed token: room for a small vocabulary's padding. */
    private static final int SLACK = 256;

    private record Entry(String piece, TokenType type, String field) {}

    private final String source;
    private final Map<Integer, Entry> entries = new HashMap<>();
    private int maxId = -1;

    TokenTableBuilder(String source) {
        this.source = source;
    }

    /** Adds a token of the model's vocabulary. */
    void put(int id, String piece, TokenType type, String field) {
        Entry previous = entries.putIfAbsent(id, new Entry(piece, type, field));
        if (previous != null) {
            throw conflict(id, previous, piece, field);
        }
        maxId = Math.max(maxId, id);
    }

    /** Adds an added token: it may repeat a vocabulary entry with the same piece, whose type it sets. */
    void putAdded(int id, String piece, TokenType type, String field) {
        Entry previous = entries.get(id);
        if (previous != null && !previous.piece().equals(piece)) {
            throw conflict(id, previous, piece, field);
        }
        entries.put(id, new Entry(piece, type, field));
        maxId = Math.max(maxId, id);
    }

    /**
     * The table, absent ids as unused.
     *
     * @throws ModelFormatException if there are no tokens, or more absent ids than listed ones
     */
    TokenTable build() {
        if (entries.isEmpty()) {
            throw new ModelFormatException(source, "model.vocab", ModelFormatException.UNKNOWN_OFFSET, "no tokens");
        }
        long size = maxId + 1L;
        if (size > 2L * entries.size() + SLACK) {
            Entry highest = entries.get(maxId);
            throw new ModelFormatException(
                    source,
                    highest.field(),
                    ModelFormatException.UNKNOWN_OFFSET,
                    "token id %d leaves %d of %d ids absent".formatted(maxId, size - entries.size(), size));
        }
        String[] pieces = new String[(int) size];
        TokenType[] types = new TokenType[(int) size];
        entries.forEach((id, entry) -> {
            pieces[id] = entry.piece();
            types[id] = entry.type();
        });
        return new TokenTable(pieces, types);
    }

    private ModelFormatException conflict(int id, Entry previous, String piece, String field) {
        return new ModelFormatException(
                source,
                field,
                ModelFormatException.UNKNOWN_OFFSET,
                "id %d is already \"%s\" (%s), not \"%s\"".formatted(id, previous.piece(), previous.field(), piece));
    }
}
