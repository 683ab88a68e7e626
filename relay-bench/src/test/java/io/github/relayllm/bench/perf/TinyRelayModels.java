package io.github.relayllm.bench.perf;

import io.github.relayllm.core.model.ModelConfig;
import io.github.relayllm.core.model.ModelShapes;
import io.github.relayllm.core.model.synth.RandomModel;
import io.github.relayllm.kernels.tensor.DType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Two tiny random-weight Qwen3-architecture models for relay benchmark tests, written as GGUF files:
 * one synthetic byte-level vocabulary of 384 ids, the LLM deeper and wider than the SLM.
 *
 * @param slm the small model's file
 * @param llm the large model's file
 */
public record TinyRelayModels(Path slm, Path llm) {
    /** Writes both models into {@code dir}. */
    public static TinyRelayModels write(Path dir) throws IOException {
        Path slm = dir.resolve("slm.gguf");
        Path llm = dir.resolve("llm.gguf");
        RandomModel.of("slm", shape(2, 64, 128), Optional.empty(), DType.F32, 11)
                .writeGguf(slm);
        RandomModel.of("llm", shape(3, 96, 192), Optional.empty(), DType.F32, 12)
                .writeGguf(llm);
        return new TinyRelayModels(slm, llm);
    }

    private static ModelConfig shape(int layers, int hidden, int ffn) {
        return ModelShapes.byName("qwen3-0.6b").orElseThrow().toBuilder()
                .layerCount(layers)
                .hiddenSize(hidden)
                .heads(4, 2)
                .headDim(16)
                .ffnSize(ffn)
                .vocabSize(384)
                .bosId(OptionalInt.empty())
                .eosIds(List.of())
                .build();
    }
}
