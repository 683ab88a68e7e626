package io.github.relayllm.kernels.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Encoding what a block decodes to gives the block back: the reference quantizers put the extreme
 * values exactly on a quant, so a decoded block holds its own scale. This is what lets a converted
 * model be re-quantized without drifting.
 */
class LegacyQuantFixedPointTest {
    private static final int BLOCK = 32;

    @Property
    void decodedBlocksAreAFixedPointOfEncoding(@ForAll("legacyTypes") DType dtype, @ForAll("blocks") float[] values) {
        byte[] once = Blocks.encode(dtype, values);
        float[] decoded = Blocks.decode(dtype, once);
        byte[] twice = Blocks.encode(dtype, decoded);

        assertThat(Blocks.decode(dtype, twice))
                .usingElementComparator(Blocks.BY_VALUE)
                .containsExactly(decoded);
        assertThat(Blocks.encode(dtype, Blocks.decode(dtype, twice))).containsExactly(twice);
        int blockBytes = dtype.blockBytes();
        for (int b = 0; b < values.length / BLOCK; b++) {
            if (keepsQuantsAndSigns(dtype, once, b * blockBytes)) {
                assertThat(Arrays.copyOfRange(twice, b * blockBytes, (b + 1) * blockBytes))
                        .as("block %d", b)
                        .isEqualTo(Arrays.copyOfRange(once, b * blockBytes, (b + 1) * blockBytes));
            }
        }
    }

    /**
     * Whether the block's bytes, not just its values, must survive: a zero scale decodes every quant
     * to the same value, and a minimum stored as -0 decodes (as {@code q * d + m}) to +0 values.
     */
    private static boolean keepsQuantsAndSigns(DType dtype, byte[] bytes, int blockOffset) {
        boolean hasMinimum = dtype == DType.Q4_1 || dtype == DType.Q5_1;
        float scale = Blocks.halfAt(bytes, blockOffset);
        return scale != 0
                && !(hasMinimum && Float.floatToRawIntBits(Blocks.halfAt(bytes, blockOffset + 2)) == 0x8000_0000);
    }

    @Provide
    Arbitrary<DType> legacyTypes() {
        return Arbitraries.of(DType.Q4_0, DType.Q4_1, DType.Q5_0, DType.Q5_1, DType.Q8_0);
    }

    @Provide
    Arbitrary<float[]> blocks() {
        return FloatBlocks.of(BLOCK);
    }
}
