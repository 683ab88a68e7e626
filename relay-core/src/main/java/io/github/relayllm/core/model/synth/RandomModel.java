package io.github.relayllm.core.model.synth;

import io.github.relayllm.core.model.Architecture;
import io.github.relayllm.core.model.ModelConfig;
import io.github.relayllm.core.model.RandomWeights;
import io.github.relayllm.core.tokenizer.PreTokenizerType;
import io.github.relayllm.core.tokenizer.SyntheticVocabulary;
import io.github.relayllm.core.tokenizer.Vocabulary;
import io.github.relayllm.kernels.tensor.BlockCodecs;
import io.github.relayllm.kernels.tensor.DType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A random-weight model ready to be written: a configuration, the vocabulary it is written with,
 * the dtype of its matrices and a seed. The same seed gives the same model as a GGUF file and as a
 * Hugging Face directory (Llama GGUFs with llama.cpp's Q/K row permutation, as a converted file has
 * them), which is what lets a test compare the two loaders.
 *
 * <pre>{@code
 * RandomModel.of("tiny", ModelShapes.byName("qwen3-0.6b").orElseThrow(), Optional.empty(), DType.Q8_0, 42)
 *         .writeGguf(Path.of("qwen3-0.6b-q8_0.gguf"));
 * }</pre>
 *
 * <p>Cost: generating and encoding every weight (a few seconds per billion parameters on two cores);
 * memory: the largest tensor, encoded.
 *
 * @param name the model's name in the file metadata
 * @param config the configuration, consistent with the vocabulary (size, BOS, end-of-generation ids)
 * @param vocabulary the tokenizer written with the model
 * @param dtype the dtype of the weight matrices
 * @param seed the seed of {@link RandomWeights}
 */
public record RandomModel(String name, ModelConfig config, Vocabulary vocabulary, DType dtype, long seed) {

    public RandomModel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(vocabulary, "vocabulary");
        Objects.requireNonNull(dtype, "dtype");
        if (BlockCodecs.encoder(dtype).isEmpty()) {
            throw new IllegalArgumentException(
                    "Relay can not write %s weights; it writes %s".formatted(dtype, BlockCodecs.encodableTypes()));
        }
        if (vocabulary.size() != config.vocabSize()) {
            throw new IllegalArgumentException(
                    "a vocabulary of %d tokens for a model of %d".formatted(vocabulary.size(), config.vocabSize()));
        }
    }

    /**
     * A model of shape {@code shape} with the given vocabulary, or a synthetic byte-level one of the
     * shape's size. A given vocabulary decides the vocabulary size, BOS and end-of-generation ids.
     */
    public static RandomModel of(
            String name, ModelConfig shape, Optional<Vocabulary> vocabulary, DType dtype, long seed) {
        if (vocabulary.isPresent()) {
            Vocabulary v = vocabulary.get();
            ModelConfig config = shape.toBuilder()
                    .vocabSize(v.size())
                    .bosId(v.bosId())
                    .eosIds(v.endOfGenerationIds())
                    .build();
            return new RandomModel(name, config, v, dtype, seed);
        }
        Vocabulary synthetic = syntheticVocabulary(shape);
        ModelConfig config = shape.toBuilder()
                .bosId(synthetic.bosId())
                .eosIds(synthetic.endOfGenerationIds())
                .build();
        return new RandomModel(name, config, synthetic, dtype, seed);
    }

    /** Writes the model as a GGUF file. */
    public void writeGguf(Path file) throws IOException {
        GgufModelWriter.write(name, config, vocabulary, dtype, weights(), seed, file);
    }

    /** Writes the model as a Hugging Face directory, sharding its weights past 5 GB. */
    public void writeHf(Path directory) throws IOException {
        writeHf(directory, HfModelWriter.DEFAULT_SHARD_BYTES);
    }

    /** Writes the model as a Hugging Face directory with shards of at most {@code shardBytes}. */
    public void writeHf(Path directory, long shardBytes) throws IOException {
        HfModelWriter.write(config, vocabulary, dtype, weights(), seed, shardBytes, directory);
    }

    /** The configuration a GGUF file of this model states (Llama: adjacent RoPE pairs; RoPE divisors stored). */
    public ModelConfig ggufConfig() {
        return GgufModelWriter.asStored(config);
    }

    private WeightValues weights() {
        return new RandomWeights(seed)::fillRow;
    }

    /**
     * A byte-level vocabulary of the shape's size whose special tokens sit where the family's real
     * vocabulary has them, so that chat templates and stop tokens of the family work.
     */
    static Vocabulary syntheticVocabulary(ModelConfig shape) {
        int size = shape.vocabSize();
        Map<Integer, String> specials = new LinkedHashMap<>();
        boolean qwen = shape.architecture() != Architecture.LLAMA;
        Map<Integer, String> family = qwen
                ? Map.of(151643, "<|endoftext|>", 151644, "<|im_start|>", 151645, "<|im_end|>")
                : size > 128009
                        ? Map.of(
                                128000, "<|begin_of_text|>",
                                128001, "<|end_of_text|>",
                                128006, "<|start_header_id|>",
                                128007, "<|end_header_id|>",
                                128008, "<|eom_id|>",
                                128009, "<|eot_id|>")
                        : Map.of(1, "<s>", 2, "</s>");
        family.forEach((id, text) -> {
            if (id < size) {
                specials.put(id, text);
            }
        });
        int eos = shape.eosIds().isEmpty() ? size - 1 : shape.eosIds().getFirst();
        OptionalInt bos = shape.bosId();
        for (int id : concat(bos, eos)) {
            specials.putIfAbsent(id, id == eos ? "<|endoftext|>" : "<|begin_of_text|>");
        }
        PreTokenizerType pre = qwen ? PreTokenizerType.QWEN2 : PreTokenizerType.LLAMA3;
        return SyntheticVocabulary.byteLevel(size, pre, specials, bos, eos);
    }

    private static List<Integer> concat(OptionalInt bos, int eos) {
        return bos.isPresent() ? List.of(bos.getAsInt(), eos) : List.of(eos);
    }
}
