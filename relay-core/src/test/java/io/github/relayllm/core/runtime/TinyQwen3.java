package io.github.relayllm.core.runtime;

import io.github.relayllm.core.model.ModelConfig;
import io.github.relayllm.core.model.ModelShapes;
import java.util.List;
import java.util.OptionalInt;

/** Qwen3-shaped configurations small enough that a test writes their random weights in milliseconds. */
public final class TinyQwen3 {
    private TinyQwen3() {}

    /**
     * Qwen3-0.6B's architecture with {@code layers} layers, hidden size 64, 4 query and 2 key/value
     * heads of 16, FFN 128, a vocabulary of {@code vocabSize} and no BOS or EOS token; a test overrides
     * what it needs on the builder.
     */
    public static ModelConfig.Builder shape(int layers, int vocabSize) {
        return ModelShapes.byName("qwen3-0.6b").orElseThrow().toBuilder()
                .layerCount(layers)
                .hiddenSize(64)
                .heads(4, 2)
                .headDim(16)
                .ffnSize(128)
                .vocabSize(vocabSize)
                .bosId(OptionalInt.empty())
                .eosIds(List.of());
    }
}
