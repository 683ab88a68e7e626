package io.github.relayllm.core.runtime;

import io.github.relayllm.core.model.ModelConfig;
import io.github.relayllm.core.model.RopeScaling;
import java.util.Optional;

/**
 * The inverse frequency of each dimension pair of a head, {@code theta^(-2i/headDim) / divisor_i},
 * with the model's RoPE scaling folded in: backends rotate pair {@code i} of a token at position
 * {@code p} by {@code p * inverseFrequency[i]} and need know nothing about scaling schemes.
 */
final class RopeFrequencies {
    private RopeFrequencies() {}

    /**
     * @param fileDivisors the {@code rope_freqs.weight} values, required when the configuration says
     *     {@link RopeScaling.FromWeights}
     */
    static float[] of(ModelConfig config, Optional<float[]> fileDivisors) {
        int pairs = config.headDim() / 2;
        float[] divisors = switch (config.ropeScaling()) {
            case RopeScaling.None _ -> constant(pairs, 1);
            case RopeScaling.Linear linear -> constant(pairs, (float) linear.factor());
            case RopeScaling.Llama3 llama3 -> llama3.divisors(config.headDim(), config.ropeTheta());
            case RopeScaling.FromWeights _ ->
                fileDivisors.orElseThrow(() -> new IllegalArgumentException("the model needs rope_freqs.weight"));
        };
        if (divisors.length != pairs) {
            throw new IllegalArgumentException(
                    "%d RoPE divisors for heads of %d".formatted(divisors.length, config.headDim()));
        }
        float[] inverse = new float[pairs];
        for (int i = 0; i < pairs; i++) {
            inverse[i] = (float) (Math.pow(config.ropeTheta(), -2.0 * i / config.headDim()) / divisors[i]);
        }
        return inverse;
    }

    private static float[] constant(int pairs, float value) {
        float[] values = new float[pairs];
        java.util.Arrays.fill(values, value);
        return values;
    }
}
