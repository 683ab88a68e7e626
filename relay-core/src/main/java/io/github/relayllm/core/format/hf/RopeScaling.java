package io.github.relayllm.core.format.hf;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * How a model stretches RoPE beyond its training length, as {@code config.json}'s {@code
 * rope_scaling} (or transformers v5's {@code rope_parameters}) describes it. Absent scaling, or
 * {@code rope_type} {@code "default"}, is represented by an empty {@code Optional<RopeScaling>} in
 * {@link HfConfig}, never by an instance.
 *
 * <p>{@code type} is Hugging Face's {@code rope_type} as written ({@value #LLAMA3}, {@code linear},
 * {@code dynamic}, {@code yarn}, ...); which types a model can run with is the model loader's
 * decision, not this record's. Invariants: {@code factor} is required for linear, dynamic, yarn and
 * llama3 scaling; llama3 scaling also has both frequency factors (low below high) and the original
 * context length. Keys not modelled here (yarn's {@code beta_fast}, longrope's factor lists) are kept
 * in {@link #extras()}.
 */
public record RopeScaling(
        String type,
        OptionalDouble factor,
        OptionalDouble lowFreqFactor,
        OptionalDouble highFreqFactor,
        OptionalInt originalMaxPositionEmbeddings,
        ObjectNode extras) {

    /** Llama 3.1+ scaling: frequency-dependent interpolation between two wavelength bounds. */
    public static final String LLAMA3 = "llama3";

    public RopeScaling {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(factor, "factor");
        Objects.requireNonNull(lowFreqFactor, "lowFreqFactor");
        Objects.requireNonNull(highFreqFactor, "highFreqFactor");
        Objects.requireNonNull(originalMaxPositionEmbeddings, "originalMaxPositionEmbeddings");
        extras = Objects.requireNonNull(extras, "extras").deepCopy();
        if (type.equals("default")) {
            throw new IllegalArgumentException("default RoPE is no scaling: use Optional.empty()");
        }
        if (factor.isEmpty() && requiresFactor(type)) {
            throw new IllegalArgumentException(type + " rope scaling needs a factor");
        }
        if (type.equals(LLAMA3)
                && (lowFreqFactor.isEmpty()
                        || highFreqFactor.isEmpty()
                        || originalMaxPositionEmbeddings.isEmpty()
                        || lowFreqFactor.getAsDouble() >= highFreqFactor.getAsDouble())) {
            throw new IllegalArgumentException(
                    "llama3 rope scaling needs low_freq_factor < high_freq_factor and original_max_position_embeddings");
        }
    }

    /** Llama 3.1+ scaling with the given parameters. */
    public static RopeScaling llama3(
            double factor, double lowFreqFactor, double highFreqFactor, int originalMaxPositionEmbeddings) {
        return new RopeScaling(
                LLAMA3,
                OptionalDouble.of(factor),
                OptionalDouble.of(lowFreqFactor),
                OptionalDouble.of(highFreqFactor),
                OptionalInt.of(originalMaxPositionEmbeddings),
                JsonNodeFactory.instance.objectNode());
    }

    /** Whether scaling of {@code type} is meaningless without a {@code factor}. */
    static boolean requiresFactor(String type) {
        return switch (type) {
            case "linear", "dynamic", "yarn", LLAMA3 -> true;
            default -> false;
        };
    }

    /** The keys this record does not model, as a copy. */
    @Override
    public ObjectNode extras() {
        return extras.deepCopy();
    }
}
