package io.github.relayllm.kernels.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The paired paths of {@link AttentionArithmetic} give each query and output exactly the bits of the
 * single paths, which is what keeps attention batch invariant: a row alone and the same row beside
 * others may be paired differently.
 */
class AttentionArithmeticTest {
    private static final int STRIDE = 512;

    @ParameterizedTest
    @ValueSource(ints = {128, 64, 40, 3})
    void twoQueriesScoredTogetherGetTheBitsOfEachScoredAlone(int headDim) {
        AttentionArithmetic arithmetic = new AttentionArithmetic(headDim, STRIDE, 0.088f);
        float[] work = randomWork(headDim, 1);
        int queryA = 4 * STRIDE;
        int queryB = queryA + headDim;
        int scores = queryB + headDim;
        float[] alone = work.clone();
        arithmetic.scoreFour(alone, queryA, 0, scores);
        arithmetic.scoreFour(alone, queryB, 0, scores + 4);

        arithmetic.scoreFourTwice(work, queryA, scores, queryB, scores + 4, 0);

        assertThat(bits(Arrays.copyOfRange(work, scores, scores + 8)))
                .isEqualTo(bits(Arrays.copyOfRange(alone, scores, scores + 8)));
        for (int i = 0; i < 4; i++) {
            assertThat(Float.floatToRawIntBits(work[scores + i]))
                    .isEqualTo(Float.floatToRawIntBits(arithmetic.dot(work, queryA, i * STRIDE) * 0.088f));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {128, 40, 3})
    void twoOutputsUpdatedTogetherGetTheBitsOfEachUpdatedAlone(int headDim) {
        AttentionArithmetic arithmetic = new AttentionArithmetic(headDim, STRIDE, 1f);
        float[] work = randomWork(headDim, 2);
        int outputA = 4 * STRIDE;
        int outputB = outputA + headDim;
        int weights = outputB + headDim;
        float[] alone = work.clone();
        arithmetic.addScaledFour(alone, outputA, 0, weights);
        arithmetic.addScaledFour(alone, outputB, 0, weights + 4);

        arithmetic.addScaledFourTwice(work, outputA, weights, outputB, weights + 4, 0);

        assertThat(bits(work)).isEqualTo(bits(alone));
    }

    private static float[] randomWork(int headDim, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] work = new float[4 * STRIDE + 2 * headDim + 8];
        for (int i = 0; i < work.length; i++) {
            work[i] = (float) random.nextGaussian();
        }
        return work;
    }

    private static int[] bits(float[] values) {
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToRawIntBits(values[i]);
        }
        return bits;
    }
}
