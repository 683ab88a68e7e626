package io.github.relayllm.core.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Draws follow the softmax they should: a chi-square goodness-of-fit test on many draws. The seeds
 * are fixed, so each test draws the same tokens on every run: it can not flake, and with a good
 * generator and correct weights it passes at a significance level of 0.001.
 */
class SamplerDistributionTest {
    /** The chi-square value a 0.001 significance level allows for 5 and 2 degrees of freedom. */
    private static final double CRITICAL_5_DOF = 20.515;

    private static final double CRITICAL_2_DOF = 13.816;
    private static final int DRAWS = 60_000;

    @Test
    void drawsFollowTheSoftmaxAtTheTemperature() {
        float[] logits = {2f, 1.5f, 1f, 0f, -1f, -2f};
        float temperature = 0.7f;

        int[] counts =
                counts(SamplingParams.DEFAULT.withTemperature(temperature).withSeed(11), logits);

        assertThat(chiSquare(counts, softmax(logits, temperature, new int[] {0, 1, 2, 3, 4, 5})))
                .isLessThan(CRITICAL_5_DOF);
    }

    @Test
    void drawsFollowTheSoftmaxOfTheSurvivorsOfTheFilters() {
        float[] logits = {2f, 1.5f, 1f, 0f, -1f, -2f};
        // top-k 4 keeps tokens 0-3; their temperature-1 probabilities are .474, .288, .174, .064,
        // so top-p 0.8 keeps 0-2 (0.936 >= 0.8 > 0.762); min-p 0.05 keeps all three (e^-1 = 0.37).
        SamplingParams params = SamplingParams.DEFAULT
                .withTopK(4)
                .withTopP(0.8f)
                .withMinP(0.05f)
                .withTemperature(1.3f)
                .withSeed(12);

        int[] counts = counts(params, logits);

        assertThat(counts[3] + counts[4] + counts[5]).isZero();
        assertThat(chiSquare(counts, softmax(logits, 1.3f, new int[] {0, 1, 2})))
                .isLessThan(CRITICAL_2_DOF);
    }

    @Test
    void topPOverAWholeVocabularyDrawsOnlyFromTheNucleusInProportion() {
        float[] logits = new float[5000];
        java.util.Arrays.fill(logits, -30f);
        logits[4000] = 3f;
        logits[17] = 2.5f;
        logits[2500] = 2f;
        // The rest share exp(-33)-sized crumbs: top-p 0.9 keeps exactly the three above.
        int[] counts = counts(SamplingParams.DEFAULT.withTopP(0.9f).withSeed(13), logits);

        assertThat(counts[4000] + counts[17] + counts[2500]).isEqualTo(DRAWS);
        int[] nucleus = {4000, 17, 2500};
        double[] expected = softmax(logits, 1f, nucleus);
        int[] observed = {counts[4000], counts[17], counts[2500]};
        double[] expectedNucleus = {expected[4000], expected[17], expected[2500]};
        assertThat(chiSquare(observed, expectedNucleus)).isLessThan(CRITICAL_2_DOF);
    }

    private static int[] counts(SamplingParams params, float[] logits) {
        Sampler sampler = new Sampler(params, logits.length);
        int[] counts = new int[logits.length];
        float[] step = new float[logits.length];
        for (int i = 0; i < DRAWS; i++) {
            System.arraycopy(logits, 0, step, 0, logits.length);
            counts[sampler.sample(step)]++;
        }
        return counts;
    }

    /** Probabilities over {@code kept}, 0 elsewhere. */
    private static double[] softmax(float[] logits, float temperature, int[] kept) {
        double[] probabilities = new double[logits.length];
        double total = 0;
        for (int token : kept) {
            probabilities[token] = Math.exp(logits[token] / temperature);
            total += probabilities[token];
        }
        for (int token : kept) {
            probabilities[token] /= total;
        }
        return probabilities;
    }

    private static double chiSquare(int[] observed, double[] probabilities) {
        int draws = 0;
        for (int count : observed) {
            draws += count;
        }
        double statistic = 0;
        for (int i = 0; i < observed.length; i++) {
            if (probabilities[i] > 0) {
                double expected = draws * probabilities[i];
                statistic += (observed[i] - expected) * (observed[i] - expected) / expected;
            }
        }
        return statistic;
    }
}
