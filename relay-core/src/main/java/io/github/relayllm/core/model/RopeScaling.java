package io.github.relayllm.core.model;

/**
 * How a model stretches RoPE beyond the context it was trained on. Every variant divides the
 * rotation frequency of dimension pair {@code i}, {@code theta^(-2i/head_dim)}, by a factor; the
 * variants differ in where the factors come from. Code that applies RoPE switches over this closed
 * set.
 */
public sealed interface RopeScaling {

    /** Plain RoPE. */
    record None() implements RopeScaling {}

    /** Position interpolation: every frequency divided by {@code factor}. */
    record Linear(double factor) implements RopeScaling {
        public Linear {
            if (!(factor > 0)) {
                throw new IllegalArgumentException("linear rope scaling factor must be positive: " + factor);
            }
        }
    }

    /**
     * Llama 3.1's scaling: long wavelengths divided by {@code factor}, short ones kept, and a smooth
     * blend between {@code originalContextLength / lowFreqFactor} and {@code / highFreqFactor}.
     * llama.cpp stores the resulting divisors as the {@code rope_freqs.weight} tensor.
     */
    record Llama3(double factor, double lowFreqFactor, double highFreqFactor, int originalContextLength)
            implements RopeScaling {
        public Llama3 {
            if (!(factor > 0)
                    || !(lowFreqFactor > 0)
                    || !(highFreqFactor > lowFreqFactor)
                    || originalContextLength <= 0) {
                throw new IllegalArgumentException(("llama3 rope scaling needs factor > 0, 0 < low_freq_factor <"
                                + " high_freq_factor and a positive original context: %s, %s, %s, %d")
                        .formatted(factor, lowFreqFactor, highFreqFactor, originalContextLength));
            }
        }

        /** The divisor of every pair of a head of {@code headDim} (what GGUF's rope_freqs.weight holds). */
        public float[] divisors(int headDim, double theta) {
            float[] divisors = new float[headDim / 2];
            for (int pair = 0; pair < divisors.length; pair++) {
                divisors[pair] = (float) divisor(pair, headDim, theta);
            }
            return divisors;
        }

        private double divisor(int pair, int headDim, double theta) {
            double frequency = Math.pow(theta, -2.0 * pair / headDim);
            double wavelength = 2 * Math.PI / frequency;
            double lowFreqWavelength = originalContextLength / lowFreqFactor;
            double highFreqWavelength = originalContextLength / highFreqFactor;
            if (wavelength < highFreqWavelength) {
                return 1;
            }
            if (wavelength > lowFreqWavelength) {
                return factor;
            }
            double smooth = (originalContextLength / wavelength - lowFreqFactor) / (highFreqFactor - lowFreqFactor);
            return 1 / ((1 - smooth) / factor + smooth);
        }
    }

    /**
     * Divisors given per pair by the model file ({@code rope_freqs.weight} in GGUF), as llama.cpp
     * writes them for Llama 3.1+. The weights hold them; this variant only records that they apply.
     */
    record FromWeights() implements RopeScaling {}
}
