package io.github.relayllm.core.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.relayllm.core.format.ModelFormatException;
import io.github.relayllm.core.format.gguf.GgufArray;
import io.github.relayllm.core.format.gguf.GgufFile;
import io.github.relayllm.core.format.gguf.GgufValue;
import io.github.relayllm.kernels.testkit.SharedOracle;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SequencedMap;
import org.junit.jupiter.api.Test;

class VocabularyTest {
    private static Vocabulary load(String file) throws IOException {
        try (GgufFile gguf = GgufFile.open(SharedOracle.require("oracle/vocab/" + file))) {
            return Vocabulary.of(gguf.metadata()).orElseThrow();
        }
    }

    @Test
    void readsTheQwen3Vocabulary() throws IOException {
        Vocabulary qwen3 = load("ggml-vocab-qwen3.gguf");
        assertThat(qwen3.model()).isEqualTo("gpt2");
        assertThat(qwen3.pre()).isEqualTo("qwen2");
        assertThat(qwen3.size()).isEqualTo(151936);
        assertThat(qwen3.merges()).hasSize(151387).startsWith("Ġ Ġ");
        assertThat(qwen3.bosId()).isEqualTo(OptionalInt.of(151643));
        assertThat(qwen3.addsBos()).isFalse();
        assertThat(qwen3.endOfGenerationIds()).containsExactlyInAnyOrder(151645, 151643);
        assertThat(qwen3.type(151644)).isEqualTo(TokenType.CONTROL);
        assertThat(qwen3.type(151667)).isEqualTo(TokenType.USER_DEFINED); // <think>
        assertThat(qwen3.type(151669)).isEqualTo(TokenType.UNUSED);
        assertThat(qwen3.scores()).isEmpty();
        assertThat(qwen3.chatTemplate()).isPresent();
    }

    @Test
    void readsTheLlama2SentencePieceVocabulary() throws IOException {
        Vocabulary spm = load("ggml-vocab-llama-spm.gguf");
        assertThat(spm.model()).isEqualTo("llama");
        assertThat(spm.addsBos()).isTrue();
        assertThat(spm.scores()).get().extracting(s -> s.length).isEqualTo(32000);
        assertThat(spm.type(0)).isEqualTo(TokenType.UNKNOWN);
        assertThat(spm.type(1)).isEqualTo(TokenType.CONTROL);
        assertThat(spm.type(3)).isEqualTo(TokenType.BYTE);
        assertThat(spm.endOfGenerationIds()).containsExactly(2);
    }

    @Test
    void theFirstByteLevelTokensAreGpt2sByteAlphabetInItsOrder() throws IOException {
        Vocabulary qwen3 = load("ggml-vocab-qwen3.gguf");
        // GPT-2 lists the printable bytes first, then the 68 remapped ones, each as one character.
        int id = 0;
        for (int b = 0; b < 256; b++) {
            if ((b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF)) {
                assertThat(qwen3.tokens().get(id++)).isEqualTo(String.valueOf(ByteLevelAlphabet.charOf(b)));
            }
        }
        for (int b = 0; b < 256; b++) {
            if (!((b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF))) {
                assertThat(qwen3.tokens().get(id++)).isEqualTo(String.valueOf(ByteLevelAlphabet.charOf(b)));
            }
        }
        assertThat(ByteLevelAlphabet.charOf(' ')).isEqualTo('Ġ');
        assertThat(ByteLevelAlphabet.charOf('\n')).isEqualTo('Ċ');
        for (int b = 0; b < 256; b++) {
            assertThat(ByteLevelAlphabet.byteOf(ByteLevelAlphabet.charOf(b))).isEqualTo(b);
        }
        assertThat(ByteLevelAlphabet.byteOf('€')).isEqualTo(-1);
    }

    @Test
    void rejectsTokenTypesThatDoNotMatchTheTokens() {
        SequencedMap<String, GgufValue> values = new LinkedHashMap<>();
        values.put("tokenizer.ggml.model", GgufValue.string("gpt2"));
        values.put("tokenizer.ggml.tokens", GgufArray.strings(List.of("a", "b", "c")));
        values.put("tokenizer.ggml.token_type", GgufArray.int32(1, 1));
        assertThatThrownBy(() -> Vocabulary.fromValues("test", values))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("tokenizer.ggml.token_type")
                .hasMessageContaining("2 entries for 3 tokens");
        values.put("tokenizer.ggml.token_type", GgufArray.int32(1, 9, 1));
        assertThatThrownBy(() -> Vocabulary.fromValues("test", values)).hasMessageContaining("unknown token type 9");
        values.remove("tokenizer.ggml.tokens");
        assertThatThrownBy(() -> Vocabulary.fromValues("test", values)).hasMessageContaining("tokenizer.ggml.tokens");
    }

    @Test
    void aSyntheticVocabularyPutsSpecialsWhereAskedAndBytesInTheGaps() {
        Vocabulary v = SyntheticVocabulary.byteLevel(
                300, PreTokenizerType.QWEN2, Map.of(1, "<s>", 299, "<|endoftext|>"), OptionalInt.of(1), 299);
        assertThat(v.size()).isEqualTo(300);
        assertThat(v.tokens().get(0)).isEqualTo(String.valueOf(ByteLevelAlphabet.charOf(0)));
        assertThat(v.tokens().get(1)).isEqualTo("<s>");
        assertThat(v.tokens().get(2)).isEqualTo(String.valueOf(ByteLevelAlphabet.charOf(1)));
        assertThat(v.tokens().get(256)).isEqualTo(String.valueOf(ByteLevelAlphabet.charOf(255)));
        assertThat(v.tokens().get(257)).isEqualTo("[PAD257]");
        assertThat(v.type(257)).isEqualTo(TokenType.UNUSED);
        assertThat(v.endOfGenerationIds()).containsExactly(299);
        assertThat(v.bosId()).isEqualTo(OptionalInt.of(1));
        assertThat(v.pre()).isEqualTo("qwen2");
        assertThatThrownBy(() -> SyntheticVocabulary.byteLevel(
                        257, PreTokenizerType.QWEN2, Map.of(1, "<s>", 2, "</s>"), OptionalInt.of(1), 2))
                .hasMessageContaining("no room");
    }
}
