package io.github.relayllm.core.tokenizer;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of token a vocabulary holds, with the ids GGUF's {@code tokenizer.ggml.token_type} uses
 * (llama.cpp's {@code llama_token_type}).
 */
public enum TokenType {
    /** An ordinary piece of text. */
    NORMAL(1),
    /** The unknown token of SentencePiece vocabularies. */
    UNKNOWN(2),
    /** A special token such as {@code <s>} or {@code <|im_end|>}: matched only when asked. */
    CONTROL(3),
    /** An added token matched in plain text, such as Qwen3's {@code <think>}. */
    USER_DEFINED(4),
    /** A placeholder id no text maps to (padding of the embedding matrix). */
    UNUSED(5),
    /** A byte-fallback piece {@code <0xXX>} of SentencePiece vocabularies. */
    BYTE(6);

    private final int id;

    TokenType(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }

    public static Optional<TokenType> fromId(long id) {
        return Arrays.stream(values()).filter(t -> t.id == id).findFirst();
    }
}
