package io.github.relayllm.core.model;

import static io.github.relayllm.core.model.WeightKind.*;

import io.github.relayllm.kernels.tensor.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * The weights a model of a given configuration consists of, in the order llama.cpp writes them.
 * Loaders check files against it; the random-model generator produces exactly it. Keeping one list
 * for both means a model Relay writes is always a model Relay can load.
 */
public final class WeightSchema {
    private WeightSchema() {}

    /** Every weight of {@code config}, with its shape. */
    public static List<WeightSpec> of(ModelConfig config) {
        int hidden = config.hiddenSize();
        int vocab = config.vocabSize();
        List<WeightSpec> specs = new ArrayList<>();
        specs.add(global(TOKEN_EMBEDDING, vocab, hidden));
        if (config.ropeScaling() instanceof RopeScaling.FromWeights) {
            specs.add(global(ROPE_FREQUENCIES, config.headDim() / 2));
        }
        for (int layer = 0; layer < config.layerCount(); layer++) {
            specs.add(layer(ATTENTION_NORM, layer, hidden));
            specs.add(layer(ATTENTION_Q, layer, config.queryDim(), hidden));
            specs.add(layer(ATTENTION_K, layer, config.kvDim(), hidden));
            specs.add(layer(ATTENTION_V, layer, config.kvDim(), hidden));
            if (config.qkvBias()) {
                specs.add(layer(ATTENTION_Q_BIAS, layer, config.queryDim()));
                specs.add(layer(ATTENTION_K_BIAS, layer, config.kvDim()));
                specs.add(layer(ATTENTION_V_BIAS, layer, config.kvDim()));
            }
            if (config.qkNorm()) {
                specs.add(layer(ATTENTION_Q_NORM, layer, config.headDim()));
                specs.add(layer(ATTENTION_K_NORM, layer, config.headDim()));
            }
            specs.add(layer(ATTENTION_OUTPUT, layer, hidden, config.queryDim()));
            specs.add(layer(FFN_NORM, layer, hidden));
            specs.add(layer(FFN_GATE, layer, config.ffnSize(), hidden));
            specs.add(layer(FFN_UP, layer, config.ffnSize(), hidden));
            specs.add(layer(FFN_DOWN, layer, hidden, config.ffnSize()));
        }
        specs.add(global(OUTPUT_NORM, hidden));
        if (!config.tiedEmbeddings()) {
            specs.add(global(OUTPUT, vocab, hidden));
        }
        return List.copyOf(specs);
    }

    private static WeightSpec global(WeightKind kind, long... dims) {
        return new WeightSpec(WeightName.global(kind), Shape.of(dims));
    }

    private static WeightSpec layer(WeightKind kind, int layer, long... dims) {
        return new WeightSpec(WeightName.of(kind, layer), Shape.of(dims));
    }
}
