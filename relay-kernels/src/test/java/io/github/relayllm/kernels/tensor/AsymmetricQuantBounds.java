package io.github.relayllm.kernels.tensor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The accuracy of Q4_1 and Q5_1, which map [min, max] onto {@code levels} steps: every element is
 * within half a step, plus what rounding the scale and the minimum to binary16 moves it.
 */
final class AsymmetricQuantBounds {
    private static final int BLOCK = 32;

    private AsymmetricQuantBounds() {}

    static void check(DType dtype, int levels, float[] values) {
        byte[] bytes = Blocks.encode(dtype, values);
        float[] decoded = Blocks.decode(dtype, bytes);
        for (int b = 0; b < values.length / BLOCK; b++) {
            float min = Float.MAX_VALUE;
            float max = -Float.MAX_VALUE;
            for (int j = b * BLOCK; j < (b + 1) * BLOCK; j++) {
                min = Math.min(min, values[j]);
                max = Math.max(max, values[j]);
            }
            float d = (max - min) / levels;
            float storedD = Blocks.halfAt(bytes, b * dtype.blockBytes());
            float storedMin = Blocks.halfAt(bytes, b * dtype.blockBytes() + 2);
            assertThat(storedD).isEqualTo(HalfFloats.halfToFloat(HalfFloats.floatToHalf(d)));
            assertThat(storedMin).isEqualTo(HalfFloats.halfToFloat(HalfFloats.floatToHalf(min)));
            for (int j = b * BLOCK; j < (b + 1) * BLOCK; j++) {
                if (d >= Float.MIN_NORMAL) {
                    float bound = 0.5f * d
                            + levels * Math.abs(d - storedD)
                            + Math.abs(min - storedMin)
                            + 1e-4f * d
                            + 2 * Math.ulp(Math.max(Math.abs(min), Math.abs(max)));
                    assertThat(Math.abs(values[j] - decoded[j]))
                            .as("element %d", j)
                            .isLessThanOrEqualTo(bound);
                } else {
                    // A scale this small is zero as a half: every element decodes to the minimum.
                    assertThat(decoded[j]).as("element %d", j).isEqualTo(storedMin);
                }
            }
        }
    }
}
