package io.github.relayllm.core.model.synth;

import io.github.relayllm.core.format.TensorSource;
import io.github.relayllm.core.format.gguf.GgufWriter;
import io.github.relayllm.core.model.Architecture;
import io.github.relayllm.core.model.ModelConfig;
import io.github.relayllm.core.model.QkPermutation;
import io.github.relayllm.core.model.RopePairing;
import io.github.relayllm.core.model.RopeScaling;
import io.github.relayllm.core.model.WeightKind;
import io.github.relayllm.core.model.WeightSchema;
import io.github.relayllm.core.model.WeightSpec;
import io.github.relayllm.core.tokenizer.Vocabulary;
import io.github.relayllm.kernels.tensor.DType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.LongUnaryOperator;

/**
 * Writes a model as a GGUF file the way llama.cpp's converter would: the hyper-parameters under
 * {@code <arch>.*}, the vocabulary under {@code tokenizer.*}, matrices in the requested dtype and
 * vectors (norms, biases) in F32, Llama Q/K rows permuted for adjacent RoPE pairs, and Llama 3.1
 * RoPE scaling stored as the {@code rope_freqs.weight} divisors.
 */
final class GgufModelWriter {
    private GgufModelWriter() {}

    static void write(
            String name,
            ModelConfig config,
            Vocabulary vocabulary,
            DType dtype,
            WeightValues values,
            long seed,
            Path file)
            throws IOException {
        ModelConfig stored = asStored(config);
        Architecture architecture = config.architecture();
        String arch = architecture.id();
        GgufWriter gguf = new GgufWriter()
                .putString("general.architecture", arch)
                .putString("general.name", name)
                .putUInt32("general.file_type", fileType(dtype));
        if (dtype.isQuantized()) {
            gguf.putUInt32("general.quantization_version", 2);
        }
        gguf.putUInt64("relay.synth.seed", seed)
                .putUInt32(arch + ".vocab_size", config.vocabSize())
                .putUInt32(arch + ".context_length", config.contextLength())
                .putUInt32(arch + ".embedding_length", config.hiddenSize())
                .putUInt32(arch + ".block_count", config.layerCount())
                .putUInt32(arch + ".feed_forward_length", config.ffnSize())
                .putUInt32(arch + ".attention.head_count", config.headCount())
                .putUInt32(arch + ".attention.head_count_kv", config.kvHeadCount())
                .putUInt32(arch + ".attention.key_length", config.headDim())
                .putUInt32(arch + ".attention.value_length", config.headDim())
                .putUInt32(arch + ".rope.dimension_count", config.headDim())
                .putFloat32(arch + ".rope.freq_base", (float) config.ropeTheta())
                .putFloat32(arch + ".attention.layer_norm_rms_epsilon", (float) config.normEps());
        if (config.ropeScaling() instanceof RopeScaling.Linear(double factor)) {
            gguf.putString(arch + ".rope.scaling.type", "linear")
                    .putFloat32(arch + ".rope.scaling.factor", (float) factor);
        }
        gguf.putAll(vocabulary.ggufValues());
        boolean permuted = architecture.ggufRopePairing() == RopePairing.ADJACENT;
        for (WeightSpec spec : WeightSchema.of(stored)) {
            gguf.addTensor(spec.name().gguf(), tensor(spec, config, dtype, values, permuted));
        }
        gguf.write(file);
    }

    /** The configuration as the GGUF file will state it (and as reading the file back gives it). */
    static ModelConfig asStored(ModelConfig config) {
        ModelConfig.Builder stored =
                config.toBuilder().ropePairing(config.architecture().ggufRopePairing());
        if (config.ropeScaling() instanceof RopeScaling.Llama3) {
            stored.ropeScaling(new RopeScaling.FromWeights());
        }
        return stored.build();
    }

    private static TensorSource tensor(
            WeightSpec spec, ModelConfig config, DType dtype, WeightValues values, boolean permuted) {
        WeightKind kind = spec.name().kind();
        if (kind == WeightKind.ROPE_FREQUENCIES) {
            if (!(config.ropeScaling() instanceof RopeScaling.Llama3 llama3)) {
                throw new IllegalArgumentException("rope_freqs.weight needs llama3 rope scaling parameters");
            }
            return RowEncoder.constant(spec, DType.F32, llama3.divisors(config.headDim(), config.ropeTheta()));
        }
        LongUnaryOperator sourceRow = permuted && kind.isRopePermuted()
                ? r -> QkPermutation.hfRowOf(r, config.headDim())
                : LongUnaryOperator.identity();
        if (spec.isVector()) {
            return RowEncoder.permutedVector(spec, DType.F32, values, sourceRow);
        }
        return RowEncoder.rows(spec, dtype, values, sourceRow);
    }

    /** llama.cpp's {@code llama_ftype} of a file whose matrices are {@code dtype}. */
    static int fileType(DType dtype) {
        return switch (dtype) {
            case F32 -> 0;
            case F16 -> 1;
            case Q4_0 -> 2;
            case Q4_1 -> 3;
            case Q8_0 -> 7;
            case Q5_0 -> 8;
            case Q5_1 -> 9;
            case BF16 -> 32;
            default -> throw new IllegalArgumentException("no GGUF file type for " + dtype + " weights");
        };
    }
}
