package io.github.relayllm.kernels.tensor;

/**
 * The value of largest magnitude in a block, with its sign: the first one met when several tie, and 0
 * for a block of zeros. GGML's symmetric quantizers (Q4_0, Q5_0, Q8_K) divide it by their most
 * negative quant, so that this extreme value is represented exactly.
 */
final class SignedMaximum {
    private SignedMaximum() {}

    static float of(float[] values, int offset, int count) {
        float largestMagnitude = 0;
        float max = 0;
        for (int i = offset; i < offset + count; i++) {
            float magnitude = Math.abs(values[i]);
            if (magnitude > largestMagnitude) {
                largestMagnitude = magnitude;
                max = values[i];
            }
        }
        return max;
    }
}
