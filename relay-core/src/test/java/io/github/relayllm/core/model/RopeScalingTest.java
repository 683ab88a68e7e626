package io.github.relayllm.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RopeScalingTest {
    private static final RopeScaling.Llama3 LLAMA_3_1 = new RopeScaling.Llama3(8, 1, 4, 8192);

    @Test
    void llama3KeepsHighFrequenciesAndDividesLowOnes() {
        float[] divisors = LLAMA_3_1.divisors(128, 500_000);
        assertThat(divisors).hasSize(64);
        // Wavelength of pair 0 is 2*pi: far shorter than 8192/4, so it is kept.
        assertThat(divisors[0]).isEqualTo(1f);
        // The lowest frequency has a wavelength far beyond 8192: divided by the full factor.
        assertThat(divisors[63]).isEqualTo(8f);
        for (int i = 1; i < divisors.length; i++) {
            assertThat(divisors[i]).isGreaterThanOrEqualTo(divisors[i - 1]);
        }
    }

    @Test
    void llama3BlendsSmoothlyBetweenTheTwoWavelengths() {
        double theta = 500_000;
        int headDim = 128;
        float[] divisors = LLAMA_3_1.divisors(headDim, theta);
        for (int pair = 0; pair < divisors.length; pair++) {
            double wavelength = 2 * Math.PI / Math.pow(theta, -2.0 * pair / headDim);
            if (wavelength >= 8192 / 4.0 && wavelength <= 8192) {
                double smooth = (8192 / wavelength - 1) / (4 - 1);
                double expected = 1 / ((1 - smooth) / 8 + smooth);
                assertThat((double) divisors[pair]).isCloseTo(expected, within(1e-6));
                assertThat(divisors[pair]).isBetween(1f, 8f);
            }
        }
    }

    @Test
    void rejectsMeaninglessParameters() {
        assertThatThrownBy(() -> new RopeScaling.Llama3(8, 4, 1, 8192)).hasMessageContaining("low_freq_factor");
        assertThatThrownBy(() -> new RopeScaling.Linear(0)).hasMessageContaining("positive");
    }
}
