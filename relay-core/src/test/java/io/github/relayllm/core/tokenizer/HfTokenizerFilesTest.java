package io.github.relayllm.core.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.relayllm.core.format.gguf.GgufFile;
import io.github.relayllm.kernels.testkit.SharedOracle;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HfTokenizerFilesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static Vocabulary load(String file) throws IOException {
        try (GgufFile gguf = GgufFile.open(SharedOracle.require("oracle/vocab/" + file))) {
            return Vocabulary.of(gguf.metadata()).orElseThrow();
        }
    }

    @Test
    void writesAByteLevelTokenizerAsQwenPublishesIt() throws IOException {
        Vocabulary qwen3 = load("ggml-vocab-qwen3.gguf");
        HfTokenizerFiles.write(qwen3, dir);
        JsonNode tokenizer = JSON.readTree(dir.resolve("tokenizer.json").toFile());
        JsonNode model = tokenizer.get("model");
        assertThat(model.get("type").asText()).isEqualTo("BPE");
        assertThat(model.get("vocab").size()).isEqualTo(151643); // ordinary tokens only, as Qwen's file
        assertThat(model.get("merges").size()).isEqualTo(151387);
        assertThat(model.get("merges").get(0).toString()).isEqualTo("[\"Ġ\",\"Ġ\"]");
        assertThat(tokenizer.get("added_tokens").size()).isEqualTo(26);
        JsonNode think = tokenizer.get("added_tokens").get(24);
        assertThat(think.get("content").asText()).isEqualTo("<think>");
        assertThat(think.get("special").asBoolean()).isFalse();
        assertThat(tokenizer.at("/pre_tokenizer/pretokenizers/0/pattern/Regex").asText())
                .isEqualTo(PreTokenizerType.QWEN2.regex());

        TokenizerSummary summary = TokenizerSummary.fromTokenizerJson(dir.resolve("tokenizer.json"));
        assertThat(summary).isEqualTo(new TokenizerSummary("gpt2", "qwen2", 151669));

        JsonNode config = JSON.readTree(dir.resolve("tokenizer_config.json").toFile());
        assertThat(config.get("add_bos_token").asBoolean()).isFalse();
        assertThat(config.get("eos_token").asText()).isEqualTo("<|im_end|>");
        assertThat(config.get("chat_template").asText())
                .isEqualTo(qwen3.chatTemplate().orElseThrow());
    }

    @Test
    void writesASentencePieceTokenizerWithByteFallbackAndMergesFromScores() throws IOException {
        Vocabulary spm = load("ggml-vocab-llama-spm.gguf");
        HfTokenizerFiles.write(spm, dir);
        JsonNode tokenizer = JSON.readTree(dir.resolve("tokenizer.json").toFile());
        JsonNode model = tokenizer.get("model");
        assertThat(model.get("byte_fallback").asBoolean()).isTrue();
        assertThat(model.get("unk_token").asText()).isEqualTo("<unk>");
        assertThat(model.get("vocab").size()).isEqualTo(32000);
        Map<String, Integer> ids = new HashMap<>();
        for (int id = 0; id < spm.size(); id++) {
            ids.put(spm.tokens().get(id), id);
        }
        JsonNode merges = model.get("merges");
        assertThat(merges.size()).isGreaterThan(30_000);
        float[] scores = spm.scores().orElseThrow();
        float previous = Float.POSITIVE_INFINITY;
        for (JsonNode merge : merges) {
            String merged = merge.get(0).asText() + merge.get(1).asText();
            assertThat(ids).containsKeys(merge.get(0).asText(), merge.get(1).asText(), merged);
            float score = scores[ids.get(merged)];
            assertThat(score).isLessThanOrEqualTo(previous); // ranked by the merged piece's score
            previous = score;
        }
        assertThat(tokenizer.at("/post_processor/single/0/SpecialToken/id").asText())
                .isEqualTo("<s>");
        assertThat(TokenizerSummary.fromTokenizerJson(dir.resolve("tokenizer.json")))
                .isEqualTo(new TokenizerSummary("llama", "default", 32000));
    }
}
