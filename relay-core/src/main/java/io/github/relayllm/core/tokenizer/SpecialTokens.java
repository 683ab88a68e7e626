package io.github.relayllm.core.tokenizer;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The token ids generation needs besides the text: BOS and whether prompts start with it, and the
 * tokens that end generation.
 *
 * @param bos the beginning-of-sequence token, if any
 * @param endOfGeneration the tokens that end generation, without duplicates
 * @param addsBos whether prompts start with {@code bos}; false without one
 */
record SpecialTokens(OptionalInt bos, List<Integer> endOfGeneration, boolean addsBos) {
    SpecialTokens {
        Objects.requireNonNull(bos, "bos");
        endOfGeneration = List.copyOf(endOfGeneration);
        addsBos = addsBos && bos.isPresent();
    }

    /** The special ids a GGUF vocabulary declares. */
    static SpecialTokens of(Vocabulary vocabulary) {
        return new SpecialTokens(vocabulary.bosId(), vocabulary.endOfGenerationIds(), vocabulary.addsBos());
    }

    /**
     * Special ids given by token text, as Hugging Face files give them: the EOS text's id first, then,
     * as llama.cpp does for GGUF files, every token whose text is a known end-of-turn marker.
     */
    static SpecialTokens byText(TokenTable tokens, Optional<String> bos, Optional<String> eos, boolean addsBos) {
        Set<Integer> endOfGeneration = new LinkedHashSet<>();
        eos.map(tokens::idOf).filter(OptionalInt::isPresent).ifPresent(id -> endOfGeneration.add(id.getAsInt()));
        for (int id = 0; id < tokens.size(); id++) {
            if (Vocabulary.END_OF_GENERATION_TEXTS.contains(tokens.piece(id))) {
                endOfGeneration.add(id);
            }
        }
        OptionalInt bosId = bos.map(tokens::idOf).orElse(OptionalInt.empty());
        return new SpecialTokens(bosId, List.copyOf(endOfGeneration), addsBos);
    }
}
