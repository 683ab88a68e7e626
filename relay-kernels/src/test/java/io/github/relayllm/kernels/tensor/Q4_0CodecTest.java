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
        SymmetricQuantBounds.check(DType.Q4_0, 8, values);
    }

    @Provide
    Arbitrary<float[]> blocks() {
        return FloatBlocks.of(BLOCK);
    }
}
