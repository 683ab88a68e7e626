package io.github.relayllm.core.tokenizer;

import java.util.List;
import java.util.OptionalInt;

/**
 * What every tokenizer answers from its token table and special tokens alone, whatever its encoding
 * algorithm: pieces, ids, types, BOS and end-of-generation ids. Immutable.
 */
abstract sealed class VocabularyTokenizer implements Tokenizer
        permits ByteLevelBpeTokenizer, SentencePieceBpeTokenizer {
    final TokenTable tokens;
    final SpecialTokens specialTokens;

    VocabularyTokenizer(TokenTable tokens, SpecialTokens specialTokens) {
        this.tokens = tokens;
        this.specialTokens = specialTokens;
    }

    @Override
    public final String piece(int id) {
        tokens.requireId(id);
        return tokens.piece(id);
    }

    @Override
    public final OptionalInt idOf(String piece) {
        return tokens.idOf(piece);
    }

    @Override
    public final int size() {
        return tokens.size();
    }

    @Override
    public final TokenType type(int id) {
        tokens.requireId(id);
        return tokens.type(id);
    }

    @Override
    public final OptionalInt bosId() {
        return specialTokens.bos();
    }

    @Override
    public final List<Integer> endOfGenerationIds() {
        return specialTokens.endOfGeneration();
    }

    @Override
    public final boolean addsBos() {
        return specialTokens.addsBos();
    }
}
