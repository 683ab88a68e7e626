package io.github.relayllm.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.relayllm.core.format.ModelFormatException;
import io.github.relayllm.core.format.gguf.GgufFile;
import io.github.relayllm.core.format.gguf.GgufTensorInfo;
import io.github.relayllm.core.format.gguf.GgufWriter;
import io.github.relayllm.kernels.tensor.DType;
import io.github.relayllm.kernels.testkit.SharedOracle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelSourceTest {
    @TempDir
    Path dir;

    @Test
    void readsStories260KWithLlamaCppsDefaults() throws IOException {
        try (ModelSource model = ModelSource.open(SharedOracle.require("oracle/models/stories260K.gguf"))) {
            ModelConfig c = model.config();
            assertThat(c.architecture()).isEqualTo(Architecture.LLAMA);
            assertThat(c.vocabSize()).isEqualTo(512);
            assertThat(c.hiddenSize()).isEqualTo(64);
            assertThat(c.layerCount()).isEqualTo(5);
            assertThat(c.headCount()).isEqualTo(8);
            assertThat(c.kvHeadCount()).isEqualTo(4);
            assertThat(c.headDim()).isEqualTo(8); // no key_length: hidden / heads
            assertThat(c.ffnSize()).isEqualTo(172);
            assertThat(c.ropeTheta()).isEqualTo(10_000); // no freq_base: llama.cpp's default
            assertThat(c.ropePairing()).isEqualTo(RopePairing.ADJACENT);
            assertThat((float) c.normEps()).isEqualTo(1e-5f);
            assertThat(c.tiedEmbeddings()).isFalse();
            assertThat(c.contextLength()).isEqualTo(2048);
            assertThat(c.bosId()).isEqualTo(OptionalInt.of(1));
            assertThat(c.eosIds()).containsExactly(2);
            assertThat(model.tokenizer().kind()).isEqualTo("llama");
            assertThat(model.tokenizer().size()).isEqualTo(512);
            assertThat(model.chatTemplate()).isEmpty();
            assertThat(model.weight(WeightName.of(WeightKind.FFN_DOWN, 4))
                            .shape()
                            .dims())
                    .containsExactly(64, 172);
        }
    }

    @Test
    void readsTheQwen3OracleAsQwen3WithBothEndTokens() throws IOException {
        for (String file : List.of("qwen3-oracle-small-f32.gguf", "qwen3-oracle-small-q8_0.gguf")) {
            try (ModelSource model = ModelSource.open(SharedOracle.require("oracle/models/" + file))) {
                ModelConfig c = model.config();
                assertThat(c.architecture()).isEqualTo(Architecture.QWEN3);
                assertThat(c.headDim()).isEqualTo(32);
                assertThat(c.queryDim()).isEqualTo(128).isNotEqualTo(c.hiddenSize());
                assertThat(c.tiedEmbeddings()).isTrue();
                assertThat(c.qkNorm()).isTrue();
                assertThat(c.qkvBias()).isFalse();
                assertThat(c.ropeTheta()).isEqualTo(1_000_000);
                assertThat(c.ropePairing()).isEqualTo(RopePairing.NEOX);
                assertThat(c.eosIds()).containsExactlyInAnyOrder(151645, 151643);
                assertThat(model.chatTemplate()).get().asString().contains("<|im_start|>");
                assertThat(model.tokenizer().pre()).isEqualTo("qwen2");
                assertThat(model.findWeight(WeightName.global(WeightKind.OUTPUT)))
                        .isEmpty();
            }
        }
    }

    @Test
    void readsTheF16LlamaWithTheRealLlama2Vocabulary() throws IOException {
        try (ModelSource model = ModelSource.open(SharedOracle.require("oracle/models/llama-2-tiny-random.gguf"))) {
            assertThat(model.config().vocabSize()).isEqualTo(32000);
            assertThat(model.config().headDim()).isEqualTo(4);
            assertThat(model.weight(WeightName.of(WeightKind.ATTENTION_Q, 0)).dtype())
                    .isEqualTo(DType.F16);
        }
    }

    @Test
    void aVocabularyOnlyFileIsNoModelButIsDescribed() throws IOException {
        Path vocab = SharedOracle.require("oracle/vocab/ggml-vocab-qwen3.gguf");
        assertThatThrownBy(() -> ModelSource.open(vocab))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("vocabulary-only");
        ModelDescription description = ModelDescription.describe(vocab);
        assertThat(description.vocabularyOnly()).isTrue();
        assertThat(description.config()).isEmpty();
        assertThat(description.architecture()).isEqualTo("qwen3");
        assertThat(description.tokenizer().size()).isEqualTo(151936);
        assertThat(description.hasChatTemplate()).isTrue();
    }

    @Test
    void anUnsupportedArchitectureIsDescribedButNotOpened() throws IOException {
        Path gpt2 = SharedOracle.require("oracle/vocab/ggml-vocab-gpt-2.gguf");
        ModelDescription description = ModelDescription.describe(gpt2);
        assertThat(description.architecture()).isEqualTo("gpt2");
        assertThat(description.tokenizer().kind()).isEqualTo("gpt2");
        assertThat(description.tokenizer().pre()).isEqualTo("gpt-2");
    }

    @Test
    void aMissingWeightIsNamed() throws IOException {
        Path broken = rewriteStories(info -> !info.name().equals("blk.3.ffn_up.weight"));
        assertThatThrownBy(() -> ModelSource.open(broken))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("blk.3.ffn_up.weight")
                .hasMessageContaining("missing");
    }

    @Test
    void aWeightOfTheWrongShapeIsNamed() throws IOException {
        Path stories = SharedOracle.require("oracle/models/stories260K.gguf");
        Path broken = dir.resolve("broken.gguf");
        try (GgufFile file = GgufFile.open(stories)) {
            GgufWriter writer = new GgufWriter().putAll(file.metadata().asMap());
            writer.putUInt32("llama.feed_forward_length", 171);
            file.tensors().forEach(info -> writer.addTensor(info.name(), file.tensor(info)));
            writer.write(broken);
        }
        assertThatThrownBy(() -> ModelSource.open(broken))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("blk.0.ffn_gate.weight")
                .hasMessageContaining("shape [172, 64], the configuration implies [171, 64]");
    }

    @Test
    void aMissingHyperParameterIsNamedWithItsKey() throws IOException {
        Path stories = SharedOracle.require("oracle/models/stories260K.gguf");
        Path broken = dir.resolve("no-layers.gguf");
        try (GgufFile file = GgufFile.open(stories)) {
            GgufWriter writer = new GgufWriter();
            file.metadata().asMap().forEach((key, value) -> {
                if (!key.equals("llama.block_count")) {
                    writer.put(key, value);
                }
            });
            file.tensors().forEach(info -> writer.addTensor(info.name(), file.tensor(info)));
            writer.write(broken);
        }
        assertThatThrownBy(() -> ModelSource.open(broken))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("llama.block_count");
    }

    @Test
    void aFileThatIsNotAModelFailsWithItsName() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello, this is not a model");
        assertThatThrownBy(() -> ModelSource.open(text))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("notes.txt");
        assertThatThrownBy(() -> ModelSource.open(dir))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("config.json");
    }

    private Path rewriteStories(Predicate<GgufTensorInfo> keep) throws IOException {
        Path stories = SharedOracle.require("oracle/models/stories260K.gguf");
        Path out = dir.resolve("rewritten.gguf");
        try (GgufFile file = GgufFile.open(stories)) {
            GgufWriter writer = new GgufWriter().putAll(file.metadata().asMap());
            file.tensors().stream().filter(keep).forEach(info -> writer.addTensor(info.name(), file.tensor(info)));
            writer.write(out);
        }
        return out;
    }
}
