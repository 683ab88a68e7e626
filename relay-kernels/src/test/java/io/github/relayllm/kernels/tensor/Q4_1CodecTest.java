package io.github.relayllm.kernels.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class Q4_1CodecTest {
    private static final int BLOCK = 32;
    private static final int BLOCK_BYTES = 20;

    @Test
    void storesScaleMinimumAndNibblesAndRoundsTiesUp() {
        // min -1 and max 14 make d = 1, m = -1: quant = value + 1.
        float[] block = new float[BLOCK];
        block[0] = -1;
        block[1] = 14;
        block[2] = 1.5f; // 2.5 + 0.5 = 3 exactly: quant 3, value 2
        block[16] = 3.49f; // quant 4, value 3

        byte[] bytes = Blocks.encode(DType.Q4_1, block);

        assertThat(bytes).hasSize(BLOCK_BYTES);
        // d 0x3c00, m 0xbc00, then byte j = quant j | quant (j + 16) << 4; zeros have quant 1.
        assertThat(bytes).startsWith(0x00, 0x3c, 0x00, 0xbc, 0x40, 0x1f, 0x13, 0x11);
        assertThat(Blocks.decode(DType.Q4_1, bytes)).startsWith(-1, 14, 2, 0);
    }

    @Property
    void errorIsAtMostHalfAStep(@ForAll("blocks") float[] values) {
        AsymmetricQuantBounds.check(DType.Q4_1, 15, values);
    }

    @Provide
    Arbitrary<float[]> blocks() {
        return FloatBlocks.of(BLOCK);
    }
}
