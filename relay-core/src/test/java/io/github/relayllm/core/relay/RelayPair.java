package io.github.relayllm.core.relay;

import io.github.relayllm.core.Model;
import io.github.relayllm.core.ModelOptions;
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
 * Two random-weight Qwen3-architecture models for relay tests: the same synthetic byte-level
 * vocabulary, different shapes (the LLM deeper and wider), written once per test folder and loaded
 * on the CPU backend. Closing closes both.
 */
record RelayPair(Model slm, Model llm) implements AutoCloseable {
    static final int VOCABULARY = 384;

    static RelayPair write(Path dir) throws IOException {
        return write(dir, ModelOptions.defaults().withThreads(2), VOCABULARY);
    }

    static RelayPair write(Path dir, ModelOptions options, int vocabulary) throws IOException {
        return write(dir, options, options, vocabulary);
    }

    static RelayPair write(Path dir, ModelOptions slmOptions, ModelOptions llmOptions, int vocabulary)
            throws IOException {
        Path slm = dir.resolve("slm.gguf");
        Path llm = dir.resolve("llm.gguf");
        RandomModel.of("slm", shape(2, 64, 16, 128, vocabulary), Optional.empty(), DType.F32, 11)
                .writeGguf(slm);
        RandomModel.of("llm", shape(3, 96, 24, 192, vocabulary), Optional.empty(), DType.F32, 12)
                .writeGguf(llm);
        Model small = Model.load(slm, slmOptions);
        try {
            return new RelayPair(small, Model.load(llm, llmOptions));
        } catch (IOException | RuntimeException e) {
            small.close();
            throw e;
        }
    }

    static ModelConfig shape(int layers, int hidden, int headDim, int ffn, int vocabulary) {
        return ModelShapes.byName("qwen3-0.6b").orElseThrow().toBuilder()
                .layerCount(layers)
                .hiddenSize(hidden)
                .heads(4, 2)
                .headDim(headDim)
                .ffnSize(ffn)
                .vocabSize(vocabulary)
                .bosId(OptionalInt.empty())
                .eosIds(List.of())
                .build();
    }

    Relay relay() {
        return new Relay(slm, new LlmSide.Local(llm));
    }

    /** Blocks both pools hold: 0 between requests. */
    int usedBlocks() {
        return slm.cachePool().usedBlocks() + llm.cachePool().usedBlocks();
    }

    @Override
    public void close() {
        slm.close();
        llm.close();
    }
}
