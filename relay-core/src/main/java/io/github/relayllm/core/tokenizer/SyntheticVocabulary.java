package io.github.relayllm.core.tokenizer;

import io.github.relayllm.core.format.gguf.GgufArray;
import io.github.relayllm.core.format.gguf.GgufValue;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SequencedMap;

/**
 * A minimal but valid byte-level BPE vocabulary of any size, for random-weight models when no real
 * vocabulary file is given: the special tokens at the ids the model expects, the 256 byte tokens at
 * the lowest free ids, no merges (so every byte of text is one token), and the remaining ids unused
 * placeholders {@code [PAD<id>]}, as llama.cpp pads real vocabularies to the embedding size.
 */
public final class SyntheticVocabulary {
    private SyntheticVocabulary() {}

    /**
     * @param size number of ids, the model's vocabulary size
     * @param pre the pre-tokenizer the vocabulary declares
     * @param specialTokens control tokens by id (e.g. 151645 -> {@code <|im_end|>})
     * @param bosId the BOS id, if the model has one (it must be among {@code specialTokens})
     * @param eosId the EOS id (it must be among {@code specialTokens})
     * @throws IllegalArgumentException if the ids do not fit or leave no room for the 256 bytes
     */
    public static Vocabulary byteLevel(
            int size, PreTokenizerType pre, Map<Integer, String> specialTokens, OptionalInt bosId, int eosId) {
        if (size < 256 + specialTokens.size()) {
            throw new IllegalArgumentException(
                    "a byte-level vocabulary of %d ids has no room for 256 bytes and %d special tokens"
                            .formatted(size, specialTokens.size()));
        }
        for (int id : specialTokens.keySet()) {
            if (id < 0 || id >= size) {
                throw new IllegalArgumentException("special token id %d is outside %d ids".formatted(id, size));
            }
        }
        if (!specialTokens.containsKey(eosId) || (bosId.isPresent() && !specialTokens.containsKey(bosId.getAsInt()))) {
            throw new IllegalArgumentException("bos and eos ids must be special tokens");
        }
        String[] tokens = new String[size];
        int[] types = new int[size];
        specialTokens.forEach((id, text) -> {
            tokens[id] = text;
            types[id] = TokenType.CONTROL.id();
        });
        int next = 0;
        for (int b = 0; b < 256; b++, next++) {
            while (tokens[next] != null) {
                next++;
            }
            tokens[next] = String.valueOf(ByteLevelAlphabet.charOf(b));
            types[next] = TokenType.NORMAL.id();
        }
        for (int id = 0; id < size; id++) {
            if (tokens[id] == null) {
                tokens[id] = "[PAD" + id + "]";
                types[id] = TokenType.UNUSED.id();
            }
        }
        SequencedMap<String, GgufValue> values = new LinkedHashMap<>();
        values.put(Vocabulary.MODEL, GgufValue.string("gpt2"));
        values.put(Vocabulary.PRE, GgufValue.string(pre.ggufName()));
        values.put(Vocabulary.TOKENS, GgufArray.strings(Arrays.asList(tokens)));
        values.put(Vocabulary.TOKEN_TYPES, GgufArray.int32(types));
        values.put(Vocabulary.MERGES, GgufArray.strings(List.of()));
        bosId.ifPresent(id -> values.put(Vocabulary.BOS, GgufValue.uint32(id)));
        values.put(Vocabulary.EOS, GgufValue.uint32(eosId));
        values.put(Vocabulary.ADD_BOS, GgufValue.bool(false));
        return Vocabulary.fromValues("synthetic vocabulary", values);
    }
}
