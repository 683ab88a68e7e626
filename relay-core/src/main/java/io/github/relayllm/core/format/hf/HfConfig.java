package io.github.relayllm.core.format.hf;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.relayllm.core.format.ModelFormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A Hugging Face {@code config.json} of a decoder-only transformer, with the defaults transformers
 * applies when a key is absent already filled in: {@code num_key_value_heads} = heads, {@code
 * head_dim} = hidden / heads, {@code rope_theta} 10000, {@code rms_norm_eps} 1e-6, {@code
 * tie_word_embeddings} and {@code attention_bias} false. Keys it does not model are kept, untouched,
 * in {@link #extras()}.
 *
 * <p>This is the file as written, not a model description: it does not know that Qwen2 has QKV bias
 * without saying so, or which RoPE pairing an architecture uses. Turning it into a runnable model
 * configuration is the model loader's job.
 *
 * <p>Invariants: every size is positive; the attention heads are a multiple of the key/value heads;
 * {@code ropeTheta} and {@code rmsNormEps} are finite and positive; token ids are not negative.
 * Immutable. {@link #toJson()} writes a config.json that {@link #parse} reads back to an equal record.
 *
 * @param architectures {@code architectures}, such as {@code ["Qwen3ForCausalLM"]}; empty when absent
 * @param modelType {@code model_type}, such as {@code qwen3} or {@code llama}
 * @param ropeScaling empty when absent, {@code null} or of type {@code default}
 * @param bosTokenId empty when absent or {@code null}
 * @param eosTokenIds {@code eos_token_id}, which may be one id or a list; empty when absent
 * @param torchDtype {@code dtype} (transformers v5) or {@code torch_dtype}, such as {@code bfloat16}
 * @param extras every key of the file not modelled by the other components
 */
public record HfConfig(
        List<String> architectures,
        String modelType,
        int vocabSize,
        int hiddenSize,
        int intermediateSize,
        int numHiddenLayers,
        int numAttentionHeads,
        int numKeyValueHeads,
        int headDim,
        double ropeTheta,
        Optional<RopeScaling> ropeScaling,
        double rmsNormEps,
        boolean tieWordEmbeddings,
        int maxPositionEmbeddings,
        OptionalInt bosTokenId,
        List<Integer> eosTokenIds,
        boolean attentionBias,
        Optional<String> torchDtype,
        ObjectNode extras) {

    /** transformers' default {@code rope_theta}. */
    public static final double DEFAULT_ROPE_THETA = 10_000;

    /** transformers' default {@code rms_norm_eps}. */
    public static final double DEFAULT_RMS_NORM_EPS = 1e-6;

    public HfConfig {
        architectures = List.copyOf(architectures);
        Objects.requireNonNull(modelType, "modelType");
        Objects.requireNonNull(ropeScaling, "ropeScaling");
        Objects.requireNonNull(bosTokenId, "bosTokenId");
        eosTokenIds = List.copyOf(eosTokenIds);
        Objects.requireNonNull(torchDtype, "torchDtype");
        extras = Objects.requireNonNull(extras, "extras").deepCopy();
        requirePositive(vocabSize, "vocabSize");
        requirePositive(hiddenSize, "hiddenSize");
        requirePositive(intermediateSize, "intermediateSize");
        requirePositive(numHiddenLayers, "numHiddenLayers");
        requirePositive(numAttentionHeads, "numAttentionHeads");
        requirePositive(numKeyValueHeads, "numKeyValueHeads");
        requirePositive(headDim, "headDim");
        requirePositive(maxPositionEmbeddings, "maxPositionEmbeddings");
        if (numAttentionHeads % numKeyValueHeads != 0) {
            throw new IllegalArgumentException("%d attention heads are not a multiple of %d key/value heads"
                    .formatted(numAttentionHeads, numKeyValueHeads));
        }
        if (!(ropeTheta > 0) || Double.isInfinite(ropeTheta) || !(rmsNormEps > 0) || Double.isInfinite(rmsNormEps)) {
            throw new IllegalArgumentException(
                    "ropeTheta %s and rmsNormEps %s must be finite and positive".formatted(ropeTheta, rmsNormEps));
        }
        if (bosTokenId.orElse(0) < 0 || eosTokenIds.stream().anyMatch(id -> id < 0)) {
            throw new IllegalArgumentException("token ids must not be negative");
        }
        for (String key : HfConfigParser.MODELLED_KEYS) {
            if (extras.has(key)) {
                throw new IllegalArgumentException("extras must not hold the modelled key " + key);
            }
        }
    }

    /**
     * Reads {@code configJson}.
     *
     * @throws ModelFormatException if a required key is missing, a key has the wrong type or range,
     *     or the file is not JSON; it names the file, the key and its byte offset
     */
    public static HfConfig read(Path configJson) throws IOException {
        return HfConfigParser.parse(JsonDocument.read(configJson));
    }

    /** Parses config.json text held in memory, naming it {@code sourceName} in errors. */
    public static HfConfig parse(byte[] json, String sourceName) {
        return HfConfigParser.parse(JsonDocument.parse(json, sourceName, "", 0));
    }

    /**
     * This configuration as config.json text: keys sorted and indented as transformers writes them,
     * {@code rope_scaling} and {@code torch_dtype} in the transformers v4 spelling (which v5 also
     * reads), extras included.
     */
    public String toJson() {
        return HfConfigWriter.toJson(this);
    }

    /** The keys this record does not model, as a copy. */
    @Override
    public ObjectNode extras() {
        return extras.deepCopy();
    }

    private static void requirePositive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
