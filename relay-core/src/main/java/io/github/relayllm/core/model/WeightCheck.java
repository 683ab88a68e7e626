package io.github.relayllm.core.model;

import io.github.relayllm.core.format.ModelFormatException;
import java.util.Optional;
import java.util.function.Function;

/**
 * Checks that a file holds every weight its configuration implies ({@link WeightSchema}), each with
 * the expected shape and a dtype that fits its role: vectors (norms, biases, RoPE divisors) must be
 * real-valued, matrices real-valued or quantized. Runs once when a model is opened, so that a bad
 * file fails there with the tensor's name rather than later inside a kernel.
 */
final class WeightCheck {
    private WeightCheck() {}

    /**
     * @param lookup finds a weight's entry in the file, by Relay's name
     * @param fileName how the file names a weight, for messages
     * @throws ModelFormatException naming the first missing or mismatched weight
     */
    static void requireAll(
            ModelConfig config,
            String source,
            Function<WeightName, Optional<TensorEntry>> lookup,
            Function<WeightName, String> fileName) {
        for (WeightSpec spec : WeightSchema.of(config)) {
            String field = "tensor \"" + fileName.apply(spec.name()) + "\"";
            TensorEntry entry = lookup.apply(spec.name())
                    .orElseThrow(() -> new ModelFormatException(
                            source, field, ModelFormatException.UNKNOWN_OFFSET, "missing; the configuration needs it"));
            if (!entry.shape().equals(spec.shape())) {
                throw new ModelFormatException(
                        source,
                        field,
                        ModelFormatException.UNKNOWN_OFFSET,
                        "shape %s, the configuration implies %s".formatted(entry.shape(), spec.shape()));
            }
            if (entry.dtype().isInteger() || (spec.isVector() && entry.dtype().isQuantized())) {
                throw new ModelFormatException(
                        source,
                        field,
                        ModelFormatException.UNKNOWN_OFFSET,
                        "dtype %s can not hold a %s".formatted(entry.dtype(), spec.isVector() ? "vector" : "matrix"));
            }
        }
    }
}
