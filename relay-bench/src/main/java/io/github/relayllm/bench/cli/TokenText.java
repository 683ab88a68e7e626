package io.github.relayllm.bench.cli;

import io.github.relayllm.core.tokenizer.Tokenizer;
import java.nio.charset.StandardCharsets;

/**
 * The text one token stands for, as tools show it next to its id: its own bytes read as UTF-8 (a
 * partial character becomes U+FFFD), with the leading space a SentencePiece piece carries, which
 * {@link Tokenizer#decode} drops at the start of a text.
 */
final class TokenText {
    private TokenText() {}

    static String of(Tokenizer tokenizer, int id) {
        return new String(tokenizer.tokenBytes(id), StandardCharsets.UTF_8);
    }
}
