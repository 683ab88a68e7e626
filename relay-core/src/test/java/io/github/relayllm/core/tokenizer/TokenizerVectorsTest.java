package io.github.relayllm.core.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * llama.cpp's tokenizer test vectors: every string of each oracle vocabulary encodes to exactly the
 * ids llama.cpp gives it, whether the tokenizer comes from the GGUF file or from the tokenizer.json
 * written for it. Failures list every string that differs.
 */
class TokenizerVectorsTest {
    @ParameterizedTest
    @EnumSource(OracleVocabularies.class)
    void encodesEveryVectorAsLlamaCppFromGguf(OracleVocabularies vocabulary) {
        assertEncodesEveryVector(vocabulary.fromGguf(), vocabulary.vectors());
    }

    @ParameterizedTest
    @EnumSource(OracleVocabularies.class)
    void encodesEveryVectorAsLlamaCppFromTokenizerJson(OracleVocabularies vocabulary) {
        assertEncodesEveryVector(vocabulary.fromHuggingFace(), vocabulary.vectors());
    }

    private static void assertEncodesEveryVector(Tokenizer tokenizer, List<OracleVocabularies.Vector> vectors) {
        List<String> failures = new ArrayList<>();
        for (OracleVocabularies.Vector vector : vectors) {
            int[] ids = tokenizer.encode(vector.text(), Tokenizer.Specials.AS_TEXT);
            if (!Arrays.equals(ids, vector.ids())) {
                failures.add(vector + " but got " + Arrays.toString(ids));
            }
        }
        assertThat(failures).as("strings encoded differently from llama.cpp").isEmpty();
        assertThat(vectors).hasSizeGreaterThan(40);
    }
}
