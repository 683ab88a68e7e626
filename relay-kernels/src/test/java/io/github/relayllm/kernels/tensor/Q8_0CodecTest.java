package io.github.relayllm.kernels.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class Q8_0CodecTest {
    private static final int BLOCK = 32;
    private static final int BLOCK_BYTES = 34;

    @Test
    void storesScaleThenOneSignedBytePerElement() {
        float[] block = new float[BLOCK];
        block[0] = 127;
        block[1] = -3;
        block[31] = 64;

        byte[] bytes = Blocks.encode(DType.Q8_0, block);

        assertThat(bytes).hasSize(BLOCK_BYTES);
        assertThat(bytes[0]).isEqualTo((byte) 0x00); // d = 1.0 = 0x3c00, little-endian
        assertThat(bytes[1]).isEqualTo((byte) 0x3c);
        assertThat(bytes[2]).isEqualTo((byte) 127);
        assertThat(bytes[3]).isEqualTo((byte) -3);
        assertThat(bytes[33]).isEqualTo((byte) 64);
        assertThat(Blocks.decode(DType.Q8_0, bytes)).containsExactly(block);
    }

    @Test
    void roundsTiesAwayFromZero() {
        // amax 127 makes d = 1 and id = 1, so each value is its own scaled quant.
        float[] block = new float[BLOCK];
        float[] ties = {127, 0.5f, -0.5f, 1.5f, -1.5f, 2.5f, -2.5f, 126.5f, -126.5f};
        System.arraycopy(ties, 0, block, 0, ties.length);

        byte[] bytes = Blocks.encode(DType.Q8_0, block);

        assertThat(bytes).startsWith(0x00, 0x3c, 127, 1, -1, 2, -2, 3, -3, 127, -127);
    }

    @Test
    void scalesByTheInverseOfTheFloatScaleNotOfItsHalf() {
        // amax 10: d = 0.07874016 rounds to the half 0.07873535. With the float's inverse, 0.118103027
        // scales to 1.49991 and rounds to 1; with the half's inverse it would scale to exactly 1.5 and
        // round to 2.
        float[] block = new float[BLOCK];
        block[0] = 10;
        block[1] = 0.11810302734375f;

        byte[] bytes = Blocks.encode(DType.Q8_0, block);

        assertThat(Blocks.halfAt(bytes, 0)).isEqualTo(0.0787353515625f);
        assertThat(bytes[3]).isEqualTo((byte) 1);
    }

    @Test
    void encodesAllZeroBlocksAsZeroScaleAndQuants() {
        assertThat(Blocks.encode(DType.Q8_0, new float[BLOCK])).containsOnly(0);
    }

    @Property
    void errorIsAtMostHalfAStep(@ForAll("blocks") float[] values) {
        byte[] bytes = Blocks.encode(DType.Q8_0, values);
        float[] decoded = Blocks.decode(DType.Q8_0, bytes);

        for (int b = 0; b < values.length / BLOCK; b++) {
            float amax = 0;
            for (int j = 0; j < BLOCK; j++) {
                amax = Math.max(amax, Math.abs(values[b * BLOCK + j]));
            }
            float d = amax / 127;
            float storedD = Blocks.halfAt(bytes, b * BLOCK_BYTES);
            assertThat(storedD).isEqualTo(HalfFloats.halfToFloat(HalfFloats.floatToHalf(d)));
            for (int j = b * BLOCK; j < (b + 1) * BLOCK; j++) {
                if (d >= Float.MIN_NORMAL) {
                    // Half a step from rounding, plus what rounding d to a half moves the largest quant.
                    float bound = 0.5f * d + 127 * Math.abs(d - storedD) + 1e-4f * d;
                    assertThat(Math.abs(values[j] - decoded[j]))
                            .as("element %d", j)
                            .isLessThanOrEqualTo(bound);
                } else {
                    // A subnormal float scale is below the smallest half: the block decodes to zeros.
                    assertThat(decoded[j]).as("element %d", j).isZero();
                }
            }
        }
    }

    @Provide
    Arbitrary<float[]> blocks() {
        return FloatBlocks.of(BLOCK);
    }
}
