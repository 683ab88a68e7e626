package io.github.relayllm.kernels.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class Q4_0CodecTest {
    private static final int BLOCK = 32;
    private static final int BLOCK_BYTES = 18;

    @Test
    void packsElementJInTheLowNibbleAndElementJPlus16InTheHighNibbleOfByteJ() {
        // max -8 makes d = 1 and id = 1: quant = value + 8.
        float[] block = new float[BLOCK];
        block[0] = -8;
        block[1] = 3; // quant 11
        block[16] = -5; // quant 3, beside element 0
        block[17] = 7; // quant 15, beside element 1

        byte[] bytes = Blocks.encode(DType.Q4_0, block);

        assertThat(bytes).hasSize(BLOCK_BYTES);
        assertThat(bytes).startsWith(0x00, 0x3c, 0x30, 0xfb, 0x88);
        assertThat(Blocks.decode(DType.Q4_0, bytes)).containsExactly(block);
    }

    @Test
    void roundsTiesUpAndClampsAtSeven() {
        float[] block = new float[BLOCK];
        block[0] = -8;
        block[1] = 2.5f; // 2.5 + 8.5 = 11 exactly: quant 11, value 3
        block[2] = -2.5f; // -2.5 + 8.5 = 6: quant 6, value -2
        block[3] = 7.9f; // quant 16 clamps to 15: value 7
        block[4] = 0.49f; // quant 8: value 0

        float[] decoded = Blocks.roundTrip(DType.Q4_0, block);

        assertThat(Arrays.copyOf(decoded, 5)).containsExactly(-8, 3, -2, 7, 0);
    }

    @Test
    void takesTheScaleFromTheFirstValueOfLargestMagnitudeWithItsSign() {
        float[] positiveFirst = new float[BLOCK];
        positiveFirst[0] = 4;
        positiveFirst[1] = -4;
        float[] negativeFirst = positiveFirst.clone();
        negativeFirst[0] = -4;
        negativeFirst[1] = 4;

        assertThat(Blocks.halfAt(Blocks.encode(DType.Q4_0, positiveFirst), 0)).isEqualTo(-0.5f);
        assertThat(Blocks.halfAt(Blocks.encode(DType.Q4_0, negativeFirst), 0)).isEqualTo(0.5f);
        // The first value is exact; the other one is past the clamp and loses a step.
        assertThat(Blocks.roundTrip(DType.Q4_0, positiveFirst)).startsWith(4, -3.5f);
    }

    @Property
    void errorIsAtMostAStepAndHalfAStepOnTheSideOfTheMaximum(@ForAll("blocks") float[] values) {
        byte[] bytes = Blocks.encode(DType.Q4_0, values);
        float[] decoded = Blocks.decode(DType.Q4_0, bytes);

        for (int b = 0; b < values.length / BLOCK; b++) {
            float max = SignedMaximum.of(values, b * BLOCK, BLOCK);
            float d = max / -8;
            float storedD = Blocks.halfAt(bytes, b * BLOCK_BYTES);
            assertThat(storedD).isEqualTo(HalfFloats.halfToFloat(HalfFloats.floatToHalf(d)));
            for (int j = b * BLOCK; j < (b + 1) * BLOCK; j++) {
                float error = Math.abs(values[j] - decoded[j]);
                if (Math.abs(d) >= Float.MIN_NORMAL) {
                    float scaleError = 8 * Math.abs(d - storedD) + 1e-4f * Math.abs(d);
                    // Values of the maximum's sign only round; the others may also clamp at 7 * d.
                    float steps = Math.signum(values[j]) == Math.signum(max) ? 0.5f : 1f;
                    assertThat(error).as("element %d", j).isLessThanOrEqualTo(steps * Math.abs(d) + scaleError);
                } else {
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
