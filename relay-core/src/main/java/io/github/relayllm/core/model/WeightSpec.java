package io.github.relayllm.core.model;

import io.github.relayllm.kernels.tensor.Shape;
import java.util.Objects;

/**
 * A weight a model of some configuration must have, and its shape (outermost first: a projection
 * from {@code in} to {@code out} features is {@code [out, in]}).
 */
public record WeightSpec(WeightName name, Shape shape) {
    public WeightSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(shape, "shape");
    }

    /** Whether the weight is a vector (norms, biases, RoPE divisors) rather than a matrix. */
    public boolean isVector() {
        return shape.rank() == 1;
    }
}
