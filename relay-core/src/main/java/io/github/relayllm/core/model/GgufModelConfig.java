package io.github.relayllm.core.model;

import io.github.relayllm.core.format.ModelFormatException;
import io.github.relayllm.core.format.gguf.GgufFile;
import io.github.relayllm.core.format.gguf.GgufMetadata;
import io.github.relayllm.core.tokenizer.Vocabulary;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads a {@link ModelConfig} from GGUF metadata ({@code <arch>.embedding_length}, ...) and the
 * presence of optional tensors, with llama.cpp's defaults for absent keys: {@code rope.freq_base}
 * 10000, {@code attention.head_count_kv} = head count, {@code attention.key_length} = hidden / heads,
 * tied embeddings when there is no {@code output.weight}, and RoPE divisors from {@code
 * rope_freqs.weight} when present (Llama 3.1+). BOS and end-of-generation tokens come from the
 * file's {@link Vocabulary}.
 */
final class GgufModelConfig {
    private GgufModelConfig() {}

    /** The configuration of the model in {@code gguf}; a file of an unsupported architecture fails. */
    static ModelConfig read(GgufFile gguf) {
        GgufMetadata metadata = gguf.metadata();
        String archId = metadata.requireString("general.architecture");
        Architecture architecture = Architecture.fromId(archId)
                .orElseThrow(() -> new ModelFormatException(
                        gguf.source(),
                        "general.architecture",
                        metadata.offsetOf("general.architecture"),
                        "unsupported architecture '%s' (Relay runs %s)".formatted(archId, supported())));
        Keys keys = new Keys(archId);
        int hidden = metadata.requireInt(keys.of("embedding_length"));
        int heads = metadata.requireInt(keys.of("attention.head_count"));
        int headDim = metadata.optionalInt(keys.of("attention.key_length"))
                .orElseGet(() -> wholeQuotient(gguf, keys.of("attention.head_count"), hidden, heads));
        requireEqualIfPresent(gguf, keys.of("attention.value_length"), headDim, "attention.key_length");
        requireEqualIfPresent(gguf, keys.of("rope.dimension_count"), headDim, "head dim (partial RoPE)");
        int vocab = vocabularySize(gguf, keys);
        Optional<Vocabulary> vocabulary = Vocabulary.of(metadata);
        try {
            return ModelConfig.builder(architecture)
                    .vocabSize(vocab)
                    .hiddenSize(hidden)
                    .layerCount(metadata.requireInt(keys.of("block_count")))
                    .heads(
                            heads,
                            metadata.optionalInt(keys.of("attention.head_count_kv"))
                                    .orElse(heads))
                    .headDim(headDim)
                    .ffnSize(metadata.requireInt(keys.of("feed_forward_length")))
                    .ropeTheta(
                            metadata.optionalDouble(keys.of("rope.freq_base")).orElse(10_000))
                    .ropeScaling(ropeScaling(gguf, keys))
                    .normEps(metadata.requireDouble(keys.of("attention.layer_norm_rms_epsilon")))
                    .contextLength(metadata.requireInt(keys.of("context_length")))
                    .tiedEmbeddings(!hasTensor(gguf, WeightName.global(WeightKind.OUTPUT)))
                    .qkvBias(hasTensor(gguf, WeightName.of(WeightKind.ATTENTION_Q_BIAS, 0)))
                    .qkNorm(hasTensor(gguf, WeightName.of(WeightKind.ATTENTION_Q_NORM, 0)))
                    .bosId(bosId(vocabulary, vocab))
                    .eosIds(endOfGenerationIds(vocabulary, vocab))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(
                    gguf.source(), archId + ".*", ModelFormatException.UNKNOWN_OFFSET, e.getMessage(), e);
        }
    }

    /** The vocabulary size: {@code <arch>.vocab_size}, else the token list, else the embedding rows. */
    static int vocabularySize(GgufFile gguf, Keys keys) {
        GgufMetadata metadata = gguf.metadata();
        OptionalInt declared = metadata.optionalInt(keys.of("vocab_size"));
        if (declared.isPresent()) {
            return declared.getAsInt();
        }
        return metadata.stringArray("tokenizer.ggml.tokens")
                .map(List::size)
                .or(() -> gguf.tensorInfo(
                                WeightName.global(WeightKind.TOKEN_EMBEDDING).gguf())
                        .map(info -> (int) info.shape().dim(0)))
                .orElseThrow(() -> new ModelFormatException(
                        gguf.source(),
                        keys.of("vocab_size"),
                        ModelFormatException.UNKNOWN_OFFSET,
                        "no vocabulary size: neither the key, nor tokenizer.ggml.tokens, nor token_embd.weight"));
    }

    private static RopeScaling ropeScaling(GgufFile gguf, Keys keys) {
        if (hasTensor(gguf, WeightName.global(WeightKind.ROPE_FREQUENCIES))) {
            return new RopeScaling.FromWeights();
        }
        GgufMetadata metadata = gguf.metadata();
        String typeKey = keys.of("rope.scaling.type");
        String type = metadata.string(typeKey).orElse("none");
        return switch (type) {
            case "none" -> new RopeScaling.None();
            case "linear" -> {
                double factor = metadata.requireDouble(keys.of("rope.scaling.factor"));
                yield factor == 1 ? new RopeScaling.None() : new RopeScaling.Linear(factor);
            }
            default ->
                throw new ModelFormatException(
                        gguf.source(),
                        typeKey,
                        metadata.offsetOf(typeKey),
                        "unsupported rope scaling '%s' (Relay supports none, linear and llama3's rope_freqs)"
                                .formatted(type));
        };
    }

    /** The vocabulary's BOS token, if it is one the model can embed. */
    private static OptionalInt bosId(Optional<Vocabulary> vocabulary, int vocab) {
        OptionalInt id = vocabulary.map(Vocabulary::bosId).orElse(OptionalInt.empty());
        return id.isPresent() && id.getAsInt() < vocab ? id : OptionalInt.empty();
    }

    /** The vocabulary's end-of-generation tokens that the model can produce. */
    private static List<Integer> endOfGenerationIds(Optional<Vocabulary> vocabulary, int vocab) {
        return vocabulary.map(Vocabulary::endOfGenerationIds).orElse(List.of()).stream()
                .filter(id -> id < vocab)
                .toList();
    }

    private static boolean hasTensor(GgufFile gguf, WeightName name) {
        return gguf.tensorInfo(name.gguf()).isPresent();
    }

    private static int wholeQuotient(GgufFile gguf, String key, int hidden, int heads) {
        if (heads <= 0 || hidden % heads != 0) {
            throw new ModelFormatException(
                    gguf.source(),
                    key,
                    gguf.metadata().offsetOf(key),
                    "hidden size %d is not a multiple of %d heads and no key_length is given".formatted(hidden, heads));
        }
        return hidden / heads;
    }

    private static void requireEqualIfPresent(GgufFile gguf, String key, int expected, String what) {
        OptionalInt value = gguf.metadata().optionalInt(key);
        if (value.isPresent() && value.getAsInt() != expected) {
            throw new ModelFormatException(
                    gguf.source(),
                    key,
                    gguf.metadata().offsetOf(key),
                    "%d differs from the %s %d: not supported".formatted(value.getAsInt(), what, expected));
        }
    }

    private static String supported() {
        return String.join(
                ", ",
                java.util.Arrays.stream(Architecture.values())
                        .map(Architecture::id)
                        .toList());
    }

    /** Metadata keys of one architecture: {@code qwen3.block_count}, ... */
    record Keys(String architecture) {
        String of(String suffix) {
            return architecture + "." + suffix;
        }
    }
}
