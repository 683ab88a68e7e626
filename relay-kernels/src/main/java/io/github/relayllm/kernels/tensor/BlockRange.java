package io.github.relayllm.kernels.tensor;

/**
 * The smallest and largest value of a block, found by GGML's comparisons: the asymmetric quantizers
 * (Q4_1, Q5_1) spread their quants between the two. Comparisons rather than {@code Math.min/max},
 * because GGML keeps +0 over -0 and the sign of the minimum reaches the stored offset.
 */
record BlockRange(float min, float max) {

    static BlockRange of(float[] values, int offset, int count) {
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (int i = offset; i < offset + count; i++) {
            if (values[i] < min) {
                min = values[i];
            }
            if (values[i] > max) {
                max = values[i];
            }
        }
        return new BlockRange(min, max);
    }
}
