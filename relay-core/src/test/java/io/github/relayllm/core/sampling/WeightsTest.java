package io.github.relayllm.core.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WeightsTest {
    @Test
    void theBestTokenWeighsOne() {
        assertThat(Weights.of(0f)).isEqualTo(Weights.ONE).isEqualTo(1L << 40);
    }

    @Test
    void followsExpToElevenDigits() {
        for (float distance = 0; distance < 20; distance += 0.000_37f) {
            double exact = Math.exp(-distance) * 0x1p40;
            assertThat((double) Weights.of(distance))
                    .as("weight at %s", distance)
                    .isCloseTo(exact, org.assertj.core.data.Offset.offset(exact * 1e-11 + 1));
        }
    }

    @Test
    void neverIncreasesWithDistance() {
        long previous = Long.MAX_VALUE;
        for (int k = 0; k < 29 * 64; k++) {
            // Either side of every table step, and between.
            for (float distance :
                    new float[] {Math.nextDown(k / 64f), k / 64f, Math.nextUp(k / 64f), (k + 0.5f) / 64f}) {
                if (distance >= 0) {
                    long weight = Weights.of(distance);
                    assertThat(weight).as("weight at %s", distance).isLessThanOrEqualTo(previous);
                    previous = weight;
                }
            }
        }
    }

    @Test
    void vanishesFarFromTheBest() {
        assertThat(Weights.of(27f)).isPositive();
        assertThat(Weights.of(Weights.NEGLIGIBLE)).isZero();
        assertThat(Weights.of(Math.nextDown(Weights.NEGLIGIBLE))).isZero();
        assertThat(Weights.of(Float.POSITIVE_INFINITY)).isZero();
    }

    @Test
    void sumsOverAnyVocabularyFitALong() {
        assertThat(Weights.ONE * (double) SamplingWorkspace.MAX_VOCABULARY_SIZE).isLessThan(0x1p63);
    }
}
