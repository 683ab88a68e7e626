package io.github.relayllm.kernels.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class Q5_0CodecTest {
    private static final int BLOCK = 32;
    private static final int BLOCK_BYTES = 22;

    @Test
    void storesTheFifthBitOfElementJInBitJOfQhAndClampsAt15() {
        // max -16 makes d = 1 and id = 1: quant = value + 16, so zeros have quant 16 (fifth bit set).
        float[] block = new float[BLOCK];
        block[0] = -16; // quant 0
        block[1] = 5; // quant 21 = 0b10101
        block[16] = 15.9f; // quant 32 clamps to 31
        block[17] = -6; // quant 10 = 0b01010

        byte[] bytes = Blocks.encode(DType.Q5_0, block);

        assertThat(bytes).hasSize(BLOCK_BYTES);
        // d 0x3c00, qh = every bit but 0 and 17, byte 0 = 0 | 15 << 4, byte 1 = 5 | 10 << 4.
        assertThat(bytes).startsWith(0x00, 0x3c, 0xfe, 0xff, 0xfd, 0xff, 0xf0, 0xa5, 0x00);
        float[] decoded = Blocks.decode(DType.Q5_0, bytes);
        assertThat(decoded).startsWith(-16, 5, 0);
        assertThat(decoded[16]).isEqualTo(15);
        assertThat(decoded[17]).isEqualTo(-6);
    }

    @Property
    void errorIsAtMostAStepAndHalfAStepOnTheSideOfTheMaximum(@ForAll("blocks") float[] values) {
        SymmetricQuantBounds.check(DType.Q5_0, 16, values);
    }

    @Provide
    Arbitrary<float[]> blocks() {
        return FloatBlocks.of(BLOCK);
    }
}
