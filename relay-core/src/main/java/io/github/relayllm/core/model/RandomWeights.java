package io.github.relayllm.core.model;

import java.nio.charset.StandardCharsets;

/**
 * Deterministic random weights: the same seed, weight and row always give the same numbers, on any
 * JDK and in any order of generation. That is what lets a GGUF file and a Hugging Face directory of
 * the same seed hold the same model (each writer asks for rows in its own order), and what lets
 * generation run in parallel over rows.
 *
 * <p>Scales keep a random model numerically tame, so that its logits are O(1) like a trained
 * model's: matrices are uniform with standard deviation {@code 1/sqrt(row length)} (each output of a
 * projection of unit-scale inputs then has unit scale), norm weights are {@code 1 ± 0.1}, biases
 * {@code ± 0.1}. The numbers come from SplitMix64, whose definition is fixed, rather than from
 * {@code java.util.Random}, whose algorithms may change.
 *
 * <p>Cost: a few nanoseconds per value.
 */
public final class RandomWeights {
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private final long seed;

    public RandomWeights(long seed) {
        this.seed = seed;
    }

    /**
     * Fills {@code row} with row {@code rowIndex} of the weight {@code spec}, in Hugging Face row
     * order (see {@link QkPermutation} for GGUF Llama files).
     *
     * @throws IllegalArgumentException if {@code row} is not as long as the weight's rows, or the
     *     weight is not a random one (RoPE divisors are computed, not drawn)
     */
    public void fillRow(WeightSpec spec, long rowIndex, float[] row) {
        if (row.length != spec.shape().rowLength()) {
            throw new IllegalArgumentException(
                    "row of %d values for %s of shape %s".formatted(row.length, spec.name(), spec.shape()));
        }
        long state = mix(mix(seed ^ fnv1a(spec.name().gguf())) ^ mix(rowIndex + GOLDEN_GAMMA));
        float center = 0;
        float halfWidth;
        switch (spec.name().kind()) {
            case ATTENTION_NORM, FFN_NORM, OUTPUT_NORM, ATTENTION_Q_NORM, ATTENTION_K_NORM -> {
                center = 1;
                halfWidth = 0.1f;
            }
            case ATTENTION_Q_BIAS, ATTENTION_K_BIAS, ATTENTION_V_BIAS -> halfWidth = 0.1f;
            case ROPE_FREQUENCIES ->
                throw new IllegalArgumentException("RoPE frequency divisors are computed from the config, not drawn");
            default -> halfWidth = (float) Math.sqrt(3.0 / spec.shape().rowLength());
        }
        for (int i = 0; i < row.length; i++) {
            state += GOLDEN_GAMMA;
            float unit = (mix(state) >>> 40) * 0x1.0p-24f; // [0, 1), 24 bits: exact in a float
            row[i] = center + halfWidth * (2 * unit - 1);
        }
    }

    /** SplitMix64's finalizer (Steele, Lea, Flood 2014): a bijective 64-bit mix. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static long fnv1a(String text) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        return hash;
    }
}
