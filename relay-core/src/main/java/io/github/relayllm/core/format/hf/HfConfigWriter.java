package io.github.relayllm.core.format.hf;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;

/** Writes an {@link HfConfig} as config.json text, laid out as transformers writes it. */
final class HfConfigWriter {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    // transformers writes json.dumps(indent=2, sort_keys=True): "key": value, one array element a line.
    private static final ObjectWriter WRITER = new ObjectMapper()
            .writer(new DefaultPrettyPrinter(Separators.createDefaultInstance()
                            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                            .withObjectEmptySeparator("")
                            .withArrayEmptySeparator(""))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n"))
                    .withObjectIndenter(new DefaultIndenter("  ", "\n")));

    private HfConfigWriter() {}

    static String toJson(HfConfig config) {
        ObjectNode json = config.extras();
        json.set("architectures", strings(config.architectures()));
        json.put("model_type", config.modelType());
        json.put("vocab_size", config.vocabSize());
        json.put("hidden_size", config.hiddenSize());
        json.put("intermediate_size", config.intermediateSize());
        json.put("num_hidden_layers", config.numHiddenLayers());
        json.put("num_attention_heads", config.numAttentionHeads());
        json.put("num_key_value_heads", config.numKeyValueHeads());
        json.put("head_dim", config.headDim());
        json.put("rope_theta", config.ropeTheta());
        json.set(
                "rope_scaling",
                config.ropeScaling().<JsonNode>map(HfConfigWriter::ropeScaling).orElse(NODES.nullNode()));
        json.put("rms_norm_eps", config.rmsNormEps());
        json.put("tie_word_embeddings", config.tieWordEmbeddings());
        json.put("max_position_embeddings", config.maxPositionEmbeddings());
        json.set(
                "bos_token_id",
                config.bosTokenId().isPresent()
                        ? NODES.numberNode(config.bosTokenId().getAsInt())
                        : NODES.nullNode());
        json.set("eos_token_id", tokenIds(config));
        json.put("attention_bias", config.attentionBias());
        config.torchDtype().ifPresent(dtype -> json.put("torch_dtype", dtype));
        try {
            return WRITER.writeValueAsString(sorted(json)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    private static ObjectNode ropeScaling(RopeScaling scaling) {
        ObjectNode json = scaling.extras();
        json.put("rope_type", scaling.type());
        scaling.factor().ifPresent(factor -> json.put("factor", factor));
        scaling.lowFreqFactor().ifPresent(low -> json.put("low_freq_factor", low));
        scaling.highFreqFactor().ifPresent(high -> json.put("high_freq_factor", high));
        scaling.originalMaxPositionEmbeddings()
                .ifPresent(context -> json.put("original_max_position_embeddings", context));
        return json;
    }

    private static JsonNode tokenIds(HfConfig config) {
        return switch (config.eosTokenIds().size()) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.numberNode(config.eosTokenIds().getFirst());
            default -> {
                ArrayNode ids = NODES.arrayNode();
                config.eosTokenIds().forEach(ids::add);
                yield ids;
            }
        };
    }

    private static ArrayNode strings(Iterable<String> values) {
        ArrayNode array = NODES.arrayNode();
        values.forEach(array::add);
        return array;
    }

    /** A copy of {@code node} with the keys of every object sorted. */
    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            Map<String, JsonNode> members = new TreeMap<>();
            node.properties().forEach(entry -> members.put(entry.getKey(), sorted(entry.getValue())));
            ObjectNode copy = NODES.objectNode();
            copy.setAll(members);
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = NODES.arrayNode();
            node.forEach(element -> copy.add(sorted(element)));
            return copy;
        }
        return node;
    }
}
