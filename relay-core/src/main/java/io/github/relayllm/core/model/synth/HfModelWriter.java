package io.github.relayllm.core.model.synth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.relayllm.core.format.TensorSource;
import io.github.relayllm.core.format.hf.HfConfig;
import io.github.relayllm.core.format.hf.SafetensorsWriter;
import io.github.relayllm.core.model.ModelConfig;
import io.github.relayllm.core.model.RopeScaling;
import io.github.relayllm.core.model.WeightSchema;
import io.github.relayllm.core.model.WeightSpec;
import io.github.relayllm.core.tokenizer.HfTokenizerFiles;
import io.github.relayllm.core.tokenizer.Vocabulary;
import io.github.relayllm.kernels.tensor.DType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.function.LongUnaryOperator;

/**
 * Writes a model as a Hugging Face directory, as {@code save_pretrained} lays one out: {@code
 * config.json}, {@code generation_config.json}, the weights as {@code model.safetensors} or, past the
 * shard size, as {@code model-0000i-of-0000n.safetensors} with {@code model.safetensors.index.json},
 * and the tokenizer files. Every weight, vectors included, is stored in the one requested dtype
 * (F32, F16 or BF16) with Hugging Face's row order.
 */
final class HfModelWriter {
    /** transformers' default {@code max_shard_size} of 5 GB. */
    static final long DEFAULT_SHARD_BYTES = 5_000_000_000L;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private HfModelWriter() {}

    static void write(
            ModelConfig config,
            Vocabulary vocabulary,
            DType dtype,
            WeightValues values,
            long seed,
            long shardBytes,
            Path directory)
            throws IOException {
        String torchDtype = switch (dtype) {
            case F32 -> "float32";
            case F16 -> "float16";
            case BF16 -> "bfloat16";
            default ->
                throw new IllegalArgumentException(
                        "a Hugging Face directory stores F32, F16 or BF16 weights, not " + dtype);
        };
        if ((config.architecture().hasQkvBias() && !config.qkvBias())
                || config.architecture().hasQkNorm() != config.qkNorm()) {
            throw new IllegalArgumentException("config.json can not express a %s model %s q/k/v bias and %s q/k norm"
                    .formatted(
                            config.architecture().id(),
                            config.qkvBias() ? "with" : "without",
                            config.qkNorm() ? "with" : "without"));
        }
        Files.createDirectories(directory);
        Files.writeString(
                directory.resolve("config.json"),
                hfConfig(config, torchDtype, seed).toJson());
        writeGenerationConfig(config, directory);
        writeWeights(config, dtype, values, shardBytes, directory);
        HfTokenizerFiles.write(vocabulary, directory);
    }

    private static HfConfig hfConfig(ModelConfig config, String torchDtype, long seed) {
        ObjectNode extras = JsonNodeFactory.instance.objectNode();
        extras.put("hidden_act", "silu");
        extras.put("relay_synth_seed", seed);
        return new HfConfig(
                List.of(architectureClass(config)),
                config.architecture().id(),
                config.vocabSize(),
                config.hiddenSize(),
                config.ffnSize(),
                config.layerCount(),
                config.headCount(),
                config.kvHeadCount(),
                config.headDim(),
                config.ropeTheta(),
                ropeScaling(config.ropeScaling()),
                config.normEps(),
                config.tiedEmbeddings(),
                config.contextLength(),
                config.bosId(),
                config.eosIds(),
                config.qkvBias(),
                Optional.of(torchDtype),
                extras);
    }

    private static String architectureClass(ModelConfig config) {
        return switch (config.architecture()) {
            case LLAMA -> "LlamaForCausalLM";
            case QWEN2 -> "Qwen2ForCausalLM";
            case QWEN3 -> "Qwen3ForCausalLM";
        };
    }

    private static Optional<io.github.relayllm.core.format.hf.RopeScaling> ropeScaling(RopeScaling scaling) {
        return switch (scaling) {
            case RopeScaling.None _ -> Optional.empty();
            case RopeScaling.Linear(double factor) ->
                Optional.of(new io.github.relayllm.core.format.hf.RopeScaling(
                        "linear",
                        OptionalDouble.of(factor),
                        OptionalDouble.empty(),
                        OptionalDouble.empty(),
                        OptionalInt.empty(),
                        JsonNodeFactory.instance.objectNode()));
            case RopeScaling.Llama3 l ->
                Optional.of(io.github.relayllm.core.format.hf.RopeScaling.llama3(
                        l.factor(), l.lowFreqFactor(), l.highFreqFactor(), l.originalContextLength()));
            case RopeScaling.FromWeights _ ->
                throw new IllegalArgumentException(
                        "RoPE divisors given only as a GGUF tensor can not be written as config.json");
        };
    }

    private static void writeGenerationConfig(ModelConfig config, Path directory) throws IOException {
        ObjectNode generation = JsonNodeFactory.instance.objectNode();
        config.bosId().ifPresent(id -> generation.put("bos_token_id", id));
        var eos = generation.putArray("eos_token_id");
        config.eosIds().forEach(eos::add);
        JSON.writeValue(directory.resolve("generation_config.json").toFile(), generation);
    }

    private static void writeWeights(
            ModelConfig config, DType dtype, WeightValues values, long shardBytes, Path directory) throws IOException {
        List<List<WeightSpec>> shards = shard(WeightSchema.of(config), dtype, shardBytes);
        if (shards.size() == 1) {
            writeShard(shards.getFirst(), dtype, values, directory.resolve("model.safetensors"));
            return;
        }
        ObjectNode index = JsonNodeFactory.instance.objectNode();
        ObjectNode weightMap = JsonNodeFactory.instance.objectNode();
        long total = 0;
        for (int i = 0; i < shards.size(); i++) {
            String file = String.format(Locale.ROOT, "model-%05d-of-%05d.safetensors", i + 1, shards.size());
            writeShard(shards.get(i), dtype, values, directory.resolve(file));
            for (WeightSpec spec : shards.get(i)) {
                weightMap.put(hfName(spec), file);
                total += dtype.byteSize(spec.shape().elementCount());
            }
        }
        index.putObject("metadata").put("total_size", total);
        index.set("weight_map", weightMap);
        JSON.writeValue(directory.resolve("model.safetensors.index.json").toFile(), index);
    }

    /** Consecutive weights grouped so that no group exceeds {@code shardBytes} (unless one weight does). */
    private static List<List<WeightSpec>> shard(List<WeightSpec> specs, DType dtype, long shardBytes) {
        List<List<WeightSpec>> shards = new ArrayList<>();
        List<WeightSpec> current = new ArrayList<>();
        long bytes = 0;
        for (WeightSpec spec : specs) {
            long size = dtype.byteSize(spec.shape().elementCount());
            if (!current.isEmpty() && bytes + size > shardBytes) {
                shards.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(spec);
            bytes += size;
        }
        shards.add(current);
        return shards;
    }

    private static void writeShard(List<WeightSpec> specs, DType dtype, WeightValues values, Path file)
            throws IOException {
        SafetensorsWriter writer = new SafetensorsWriter().metadata("format", "pt");
        for (WeightSpec spec : specs) {
            TensorSource tensor = RowEncoder.rows(spec, dtype, values, LongUnaryOperator.identity());
            writer.add(hfName(spec), tensor);
        }
        writer.write(file);
    }

    private static String hfName(WeightSpec spec) {
        return spec.name()
                .hf()
                .orElseThrow(() -> new IllegalArgumentException(spec.name() + " has no Hugging Face name"));
    }
}
