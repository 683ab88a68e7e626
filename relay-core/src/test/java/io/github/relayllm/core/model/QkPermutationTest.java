package io.github.relayllm.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class QkPermutationTest {
    /**
     * llama.cpp's converter: {@code w.reshape(n_head, 2, head_dim/2, cols).swapaxes(1, 2)
     * .reshape(w.shape)}, written out on row indices.
     */
    private static long[] converterOrder(int heads, int headDim) {
        long[] hfRowAt = new long[heads * headDim];
        int out = 0;
        for (int head = 0; head < heads; head++) {
            for (int pair = 0; pair < headDim / 2; pair++) {
                for (int half = 0; half < 2; half++) {
                    hfRowAt[out++] = (long) head * headDim + (long) half * (headDim / 2) + pair;
                }
            }
        }
        return hfRowAt;
    }

    @Test
    void matchesTheConvertersReshape() {
        long[] expected = converterOrder(3, 8);
        for (int ggufRow = 0; ggufRow < expected.length; ggufRow++) {
            assertThat(QkPermutation.hfRowOf(ggufRow, 8)).isEqualTo(expected[ggufRow]);
        }
    }

    @Property(tries = 200)
    void theTwoDirectionsAreInverse(
            @ForAll @IntRange(min = 1, max = 64) int halfHeadDim, @ForAll @IntRange(min = 0, max = 100_000) int row) {
        int headDim = 2 * halfHeadDim;
        assertThat(QkPermutation.ggufRowOf(QkPermutation.hfRowOf(row, headDim), headDim))
                .isEqualTo(row);
        assertThat(QkPermutation.hfRowOf(QkPermutation.ggufRowOf(row, headDim), headDim))
                .isEqualTo(row);
    }
}
