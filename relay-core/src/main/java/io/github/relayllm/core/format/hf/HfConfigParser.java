package io.github.relayllm.core.format.hf;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads an {@link HfConfig} from a config.json tree, checking every key it models for presence, type
 * and range, so that each problem is reported against the key and its byte offset.
 */
final class HfConfigParser {
    /** The top-level keys {@link HfConfig} models; all others go to its extras. */
    static final Set<String> MODELLED_KEYS = Set.of(
            "architectures",
            "model_type",
            "vocab_size",
            "hidden_size",
            "intermediate_size",
            "num_hidden_layers",
            "num_attention_heads",
            "num_key_value_heads",
            "head_dim",
            "rope_theta",
            "rope_scaling",
            "rope_parameters",
            "rms_norm_eps",
            "tie_word_embeddings",
            "max_position_embeddings",
            "bos_token_id",
            "eos_token_id",
            "attention_bias",
            "torch_dtype",
            "dtype");

    /** The RoPE keys {@link RopeScaling} models; {@code rope_theta} appears in v5's rope_parameters. */
    private static final Set<String> ROPE_KEYS = Set.of(
            "rope_type",
            "type",
            "factor",
            "low_freq_factor",
            "high_freq_factor",
            "original_max_position_embeddings",
            "rope_theta");

    private HfConfigParser() {}

    static HfConfig parse(JsonValue config) {
        config.requireObject();
        int hiddenSize = config.required("hidden_size").asPositiveInt();
        int heads = config.required("num_attention_heads").asPositiveInt();
        Optional<JsonValue> kvHeadsValue = config.member("num_key_value_heads");
        int kvHeads = kvHeadsValue.map(JsonValue::asPositiveInt).orElse(heads);
        if (heads % kvHeads != 0) {
            throw kvHeadsValue
                    .orElseThrow()
                    .error("num_attention_heads %d is not a multiple of %d key/value heads".formatted(heads, kvHeads));
        }
        int headDim = config.member("head_dim").map(JsonValue::asPositiveInt).orElseGet(() -> {
            if (hiddenSize % heads != 0) {
                throw config.childError(
                        "head_dim",
                        "is absent, and hidden_size %d is not a multiple of num_attention_heads %d"
                                .formatted(hiddenSize, heads));
            }
            return hiddenSize / heads;
        });

        // transformers v5 moved rope_theta and the scaling keys into one rope_parameters object.
        Optional<JsonValue> ropeParameters = config.member("rope_parameters");
        double ropeTheta = ropeParameters
                .flatMap(parameters -> parameters.member("rope_theta"))
                .or(() -> config.member("rope_theta"))
                .map(JsonValue::asPositiveDouble)
                .orElse(HfConfig.DEFAULT_ROPE_THETA);
        Optional<RopeScaling> ropeScaling = ropeParameters.isPresent()
                ? ropeScaling(ropeParameters.get(), false)
                : config.member("rope_scaling").flatMap(scaling -> ropeScaling(scaling, true));

        return new HfConfig(
                config.member("architectures").map(HfConfigParser::strings).orElse(List.of()),
                config.required("model_type").asString(),
                config.required("vocab_size").asPositiveInt(),
                hiddenSize,
                config.required("intermediate_size").asPositiveInt(),
                config.required("num_hidden_layers").asPositiveInt(),
                heads,
                kvHeads,
                headDim,
                ropeTheta,
                ropeScaling,
                config.member("rms_norm_eps").map(JsonValue::asPositiveDouble).orElse(HfConfig.DEFAULT_RMS_NORM_EPS),
                config.member("tie_word_embeddings").map(JsonValue::asBoolean).orElse(false),
                config.required("max_position_embeddings").asPositiveInt(),
                config.member("bos_token_id")
                        .map(id -> OptionalInt.of(id.asNonNegativeInt()))
                        .orElse(OptionalInt.empty()),
                config.member("eos_token_id").map(HfConfigParser::tokenIds).orElse(List.of()),
                config.member("attention_bias").map(JsonValue::asBoolean).orElse(false),
                config.member("dtype").or(() -> config.member("torch_dtype")).map(JsonValue::asString),
                without(config, MODELLED_KEYS));
    }

    private static Optional<RopeScaling> ropeScaling(JsonValue scaling, boolean typeRequired) {
        scaling.requireObject();
        Optional<JsonValue> typeValue = scaling.member("rope_type").or(() -> scaling.member("type"));
        if (typeValue.isEmpty() && typeRequired) {
            throw scaling.childError("rope_type", "required field is missing (also accepted as 'type')");
        }
        String type = typeValue.map(JsonValue::asString).orElse("default");
        if (type.equals("default")) {
            return Optional.empty();
        }
        OptionalDouble factor = positiveDouble(scaling, "factor");
        if (factor.isEmpty() && RopeScaling.requiresFactor(type)) {
            throw scaling.childError("factor", "is required for %s rope scaling".formatted(type));
        }
        OptionalDouble low = positiveDouble(scaling, "low_freq_factor");
        OptionalDouble high = positiveDouble(scaling, "high_freq_factor");
        OptionalInt originalContext = scaling.member("original_max_position_embeddings")
                .map(value -> OptionalInt.of(value.asPositiveInt()))
                .orElse(OptionalInt.empty());
        if (type.equals(RopeScaling.LLAMA3)) {
            for (String key : List.of("low_freq_factor", "high_freq_factor", "original_max_position_embeddings")) {
                scaling.required(key);
            }
            if (low.getAsDouble() >= high.getAsDouble()) {
                throw scaling.required("high_freq_factor")
                        .error("must be greater than low_freq_factor %s".formatted(low.getAsDouble()));
            }
        }
        return Optional.of(new RopeScaling(type, factor, low, high, originalContext, without(scaling, ROPE_KEYS)));
    }

    private static OptionalDouble positiveDouble(JsonValue object, String name) {
        return object.member(name)
                .map(value -> OptionalDouble.of(value.asPositiveDouble()))
                .orElse(OptionalDouble.empty());
    }

    private static List<String> strings(JsonValue array) {
        return array.elements().stream().map(JsonValue::asString).toList();
    }

    /** One id or a list of ids, as {@code eos_token_id} may be either. */
    static List<Integer> tokenIds(JsonValue value) {
        if (value.node().isArray()) {
            return value.elements().stream().map(JsonValue::asNonNegativeInt).toList();
        }
        return List.of(value.asNonNegativeInt());
    }

    private static ObjectNode without(JsonValue object, Set<String> keys) {
        ObjectNode copy = ((ObjectNode) object.node()).deepCopy();
        copy.remove(keys);
        return copy;
    }
}
