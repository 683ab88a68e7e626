package io.github.relayllm.kernels.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class Q5_1CodecTest {
    private static final int BLOCK = 32;
    private static final int BLOCK_BYTES = 24;

    @Test
    void storesTheFifthBitOfElementJInBitJOfQh() {
        // min 0 and max 31 make d = 1, m = 0: quant = value.
        float[] block = new float[BLOCK];
        block[1] = 17; // 0b10001
        block[2] = 31; // 0b11111
        block[3] = 2.5f; // 2.5 + 0.5 = 3 exactly: quant 3
        block[17] = 31;

        byte[] bytes = Blocks.encode(DType.Q5_1, block);

        assertThat(bytes).hasSize(BLOCK_BYTES);
        // d 0x3c00, m 0, qh = bits 1, 2 and 17, then the low nibbles as in Q4_1.
        assertThat(bytes).startsWith(0x00, 0x3c, 0x00, 0x00, 0x06, 0x00, 0x02, 0x00, 0x00, 0xf1, 0x0f, 0x03);
        assertThat(Blocks.decode(DType.Q5_1, bytes)).startsWith(0, 17, 31, 3);
    }

    @Property
    void errorIsAtMostHalfAStep(@ForAll("blocks") float[] values) {
        AsymmetricQuantBounds.check(DType.Q5_1, 31, values);
    }

    @Provide
    Arbitrary<float[]> blocks() {
        return FloatBlocks.of(BLOCK);
    }
}
