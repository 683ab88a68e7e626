package io.github.relayllm.kernels.tensor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The accuracy of Q4_0 and Q5_0, which divide the block's signed maximum by their most negative
 * quant ({@code -levels}): values on the maximum's side are within half a step, the others within a
 * step (they may clamp at {@code (levels - 1) * d}), plus what rounding the scale to binary16 moves
 * them.
 */
final class SymmetricQuantBounds {
    private static final int BLOCK = 32;

    private SymmetricQuantBounds() {}

    static void check(DType dtype, int levels, float[] values) {
        byte[] bytes = Blocks.encode(dtype, values);
        float[] decoded = Blocks.decode(dtype, bytes);
        for (int b = 0; b < values.length / BLOCK; b++) {
            float max = SignedMaximum.of(values, b * BLOCK, BLOCK);
            float d = max / -levels;
            float storedD = Blocks.halfAt(bytes, b * dtype.blockBytes());
            assertThat(storedD).isEqualTo(HalfFloats.halfToFloat(HalfFloats.floatToHalf(d)));
            for (int j = b * BLOCK; j < (b + 1) * BLOCK; j++) {
                float error = Math.abs(values[j] - decoded[j]);
                if (Math.abs(d) >= Float.MIN_NORMAL) {
                    float scaleError = levels * Math.abs(d - storedD) + 1e-4f * Math.abs(d);
                    float steps = Math.signum(values[j]) == Math.signum(max) ? 0.5f : 1f;
                    assertThat(error).as("element %d", j).isLessThanOrEqualTo(steps * Math.abs(d) + scaleError);
                } else {
                    assertThat(decoded[j]).as("element %d", j).isZero();
                }
            }
        }
    }
}
