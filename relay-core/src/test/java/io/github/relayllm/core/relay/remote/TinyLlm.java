package io.github.relayllm.core.relay.remote;

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
 * A random-weight Qwen3-shaped model small enough to write and run in milliseconds, to stand in for
 * the LLM of a relay in tests: two layers, hidden size 64, a synthetic byte-level vocabulary of 512
 * ids (256 bytes, end-of-generation at 511, no merges, so any text tokenizes). Random weights rarely
 * pick the end-of-generation token, so its answers usually end by length.
 */
public final class TinyLlm {
    /** Ids of its vocabulary. */
    public static final int VOCABULARY = 512;

    private TinyLlm() {}

    /** Writes the model with weights from {@code seed} to {@code dir/name.gguf}. */
    public static Path write(Path dir, String name, long seed) throws IOException {
        ModelConfig shape = ModelShapes.byName("qwen3-0.6b").orElseThrow().toBuilder()
                .layerCount(2)
                .hiddenSize(64)
                .heads(4, 2)
                .headDim(16)
                .ffnSize(128)
                .vocabSize(VOCABULARY)
                .bosId(OptionalInt.empty())
                .eosIds(List.of())
                .build();
        Path file = dir.resolve(name + ".gguf");
        RandomModel.of(name, shape, Optional.empty(), DType.F32, seed).writeGguf(file);
        return file;
    }

    /** Loads {@code file} on the calling thread: one CPU thread, a short context. */
    public static Model load(Path file) throws IOException {
        return Model.load(file, ModelOptions.defaults().withThreads(1).withContextLimit(256));
    }
}
