package io.github.relayllm.core.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SequencedMap;

/**
 * The shapes of published models, by name ({@code qwen3-0.6b}, {@code llama3.2-1b}, ...), as their
 * {@code config.json} files give them. Random-weight models of these shapes drive the benchmarks and
 * the GPU checks; their speed is the speed of the real model, whatever the weights.
 *
 * <p>Each configuration carries the GGUF RoPE pairing of its family, as a converted GGUF would.
 */
public final class ModelShapes {
    private static final SequencedMap<String, ModelConfig> SHAPES = define();

    private ModelShapes() {}

    /** The configuration of the model called {@code name}, if known. */
    public static Optional<ModelConfig> byName(String name) {
        return Optional.ofNullable(SHAPES.get(name));
    }

    /** Every known name, in a stable order (smallest family members first). */
    public static List<String> names() {
        return List.copyOf(SHAPES.keySet());
    }

    /** Every shape by name, in the order of {@link #names()}. */
    public static Map<String, ModelConfig> all() {
        return Collections.unmodifiableSequencedMap(SHAPES);
    }

    private static SequencedMap<String, ModelConfig> define() {
        SequencedMap<String, ModelConfig> shapes = new LinkedHashMap<>();
        shapes.put("qwen3-0.6b", qwen3(1024, 28, 16, 8, 3072, true));
        shapes.put("qwen3-1.7b", qwen3(2048, 28, 16, 8, 6144, true));
        shapes.put("qwen3-4b", qwen3(2560, 36, 32, 8, 9728, true));
        shapes.put("qwen3-8b", qwen3(4096, 36, 32, 8, 12288, false));
        shapes.put("qwen2.5-0.5b", qwen25(896, 24, 14, 2, 4864, 151936, true));
        shapes.put("qwen2.5-1.5b", qwen25(1536, 28, 12, 2, 8960, 151936, true));
        shapes.put("qwen2.5-7b", qwen25(3584, 28, 28, 4, 18944, 152064, false));
        shapes.put("llama3.2-1b", llama3(2048, 16, 32, 8, 64, 8192, true, 32));
        shapes.put("llama3.2-3b", llama3(3072, 28, 24, 8, 128, 8192, true, 32));
        shapes.put("llama3.1-8b", llama3(4096, 32, 32, 8, 128, 14336, false, 8));
        shapes.put("llama2-7b", llama2(4096, 32, 32, 32, 11008, 4096));
        shapes.put("tinyllama-1.1b", llama2(2048, 22, 32, 4, 5632, 2048));
        return shapes;
    }

    private static ModelConfig qwen3(int hidden, int layers, int heads, int kvHeads, int ffn, boolean tied) {
        return ModelConfig.builder(Architecture.QWEN3)
                .vocabSize(151936)
                .hiddenSize(hidden)
                .layerCount(layers)
                .heads(heads, kvHeads)
                .headDim(128)
                .ffnSize(ffn)
                .ropeTheta(1_000_000)
                .normEps(1e-6)
                .tiedEmbeddings(tied)
                .contextLength(40960)
                .bosId(OptionalInt.of(151643))
                .eosIds(List.of(151645, 151643))
                .build();
    }

    private static ModelConfig qwen25(
            int hidden, int layers, int heads, int kvHeads, int ffn, int vocab, boolean tied) {
        return ModelConfig.builder(Architecture.QWEN2)
                .vocabSize(vocab)
                .hiddenSize(hidden)
                .layerCount(layers)
                .heads(heads, kvHeads)
                .headDim(hidden / heads)
                .ffnSize(ffn)
                .ropeTheta(1_000_000)
                .normEps(1e-6)
                .tiedEmbeddings(tied)
                .contextLength(32768)
                .bosId(OptionalInt.of(151643))
                .eosIds(List.of(151645, 151643))
                .build();
    }

    private static ModelConfig llama3(
            int hidden, int layers, int heads, int kvHeads, int headDim, int ffn, boolean tied, double ropeFactor) {
        return ModelConfig.builder(Architecture.LLAMA)
                .vocabSize(128256)
                .hiddenSize(hidden)
                .layerCount(layers)
                .heads(heads, kvHeads)
                .headDim(headDim)
                .ffnSize(ffn)
                .ropeTheta(500_000)
                .ropeScaling(new RopeScaling.Llama3(ropeFactor, 1, 4, 8192))
                .normEps(1e-5)
                .tiedEmbeddings(tied)
                .contextLength(131072)
                .bosId(OptionalInt.of(128000))
                .eosIds(List.of(128001, 128008, 128009))
                .build();
    }

    private static ModelConfig llama2(int hidden, int layers, int heads, int kvHeads, int ffn, int context) {
        return ModelConfig.builder(Architecture.LLAMA)
                .vocabSize(32000)
                .hiddenSize(hidden)
                .layerCount(layers)
                .heads(heads, kvHeads)
                .headDim(hidden / heads)
                .ffnSize(ffn)
                .ropeTheta(10_000)
                .normEps(1e-5)
                .tiedEmbeddings(false)
                .contextLength(context)
                .bosId(OptionalInt.of(1))
                .eosIds(List.of(2))
                .build();
    }
}
