package io.github.relayllm.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ModelConfigTest {
    private static ModelConfig.Builder tinyQwen3() {
        return ModelConfig.builder(Architecture.QWEN3)
                .vocabSize(100)
                .hiddenSize(64)
                .layerCount(2)
                .heads(4, 2)
                .headDim(32)
                .ffnSize(96);
    }

    @Test
    void familyDefaultsComeFromTheArchitecture() {
        ModelConfig qwen3 = tinyQwen3().build();
        assertThat(qwen3.qkNorm()).isTrue();
        assertThat(qwen3.qkvBias()).isFalse();
        assertThat(qwen3.ropePairing()).isEqualTo(RopePairing.NEOX);

        ModelConfig qwen2 = tinyQwen3().architecture(Architecture.QWEN2).build();
        assertThat(qwen2.qkNorm()).isTrue(); // the builder started from qwen3: explicit values stay
        ModelConfig llama = ModelConfig.builder(Architecture.LLAMA)
                .vocabSize(100)
                .hiddenSize(64)
                .layerCount(1)
                .heads(4, 4)
                .headDim(16)
                .ffnSize(96)
                .build();
        assertThat(llama.ropePairing()).isEqualTo(RopePairing.ADJACENT);
        assertThat(llama.qkNorm()).isFalse();
    }

    @Test
    void headDimIsIndependentOfHiddenSize() {
        ModelConfig config = tinyQwen3().build();
        assertThat(config.queryDim()).isEqualTo(128).isNotEqualTo(config.hiddenSize());
        assertThat(config.kvDim()).isEqualTo(64);
        assertThat(config.queriesPerKvHead()).isEqualTo(2);
    }

    @Test
    void rejectsInconsistentValues() {
        assertThatThrownBy(() -> tinyQwen3().heads(6, 4).build()).hasMessageContaining("multiple of kv head count");
        assertThatThrownBy(() -> tinyQwen3().headDim(31).build()).hasMessageContaining("even");
        assertThatThrownBy(() -> tinyQwen3().ffnSize(0).build()).hasMessageContaining("ffn size");
        assertThatThrownBy(() -> tinyQwen3().ropeTheta(Double.NaN).build()).hasMessageContaining("theta");
        assertThatThrownBy(() -> tinyQwen3().normEps(0).build()).hasMessageContaining("epsilon");
        assertThatThrownBy(() -> tinyQwen3().eosIds(List.of(100)).build()).hasMessageContaining("eos id 100");
        assertThatThrownBy(() -> tinyQwen3().bosId(OptionalInt.of(-1)).build()).hasMessageContaining("bos id");
    }

    @Test
    void toBuilderRoundTrips() {
        ModelConfig config =
                tinyQwen3().eosIds(List.of(7, 9)).bosId(OptionalInt.of(3)).build();
        assertThat(config.toBuilder().build()).isEqualTo(config);
        assertThat(config.toBuilder().layerCount(5).build().layerCount()).isEqualTo(5);
    }

    @Test
    void namedShapesMatchThePublishedParameterCounts() {
        // Parameter counts as the model cards give them (embeddings included).
        assertThat(ModelShapes.byName("qwen3-0.6b").orElseThrow().parameterCount())
                .isEqualTo(596_049_920L);
        assertThat(ModelShapes.byName("qwen3-8b").orElseThrow().parameterCount())
                .isEqualTo(8_190_735_360L);
        assertThat(ModelShapes.byName("llama3.2-1b").orElseThrow().parameterCount())
                .isEqualTo(1_235_814_400L);
        assertThat(ModelShapes.byName("qwen2.5-0.5b").orElseThrow().parameterCount())
                .isEqualTo(494_032_768L);
        assertThat(ModelShapes.byName("llama2-7b").orElseThrow().parameterCount())
                .isEqualTo(6_738_415_616L);
        assertThat(ModelShapes.byName("nonsense")).isEmpty();
        assertThat(ModelShapes.names()).startsWith("qwen3-0.6b");
    }
}
