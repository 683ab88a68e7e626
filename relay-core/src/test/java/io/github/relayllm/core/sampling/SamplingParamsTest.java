package io.github.relayllm.core.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SamplingParamsTest {
    @Test
    void theDefaultsTurnEverythingOff() {
        SamplingParams params = SamplingParams.DEFAULT;

        assertThat(params.temperature()).isEqualTo(1f);
        assertThat(params.topK()).isZero();
        assertThat(params.topP()).isEqualTo(1f);
        assertThat(params.minP()).isZero();
        assertThat(params.repetitionPenalty()).isEqualTo(1f);
        assertThat(params.penaltyWindow()).isEqualTo(64);
        assertThat(params.logitBias()).isEmpty();
        assertThat(params.isGreedy()).isFalse();
        assertThat(params.hasPenalties()).isFalse();
        assertThat(SamplingParams.GREEDY.isGreedy()).isTrue();
    }

    @Test
    void withersChangeOneField() {
        SamplingParams params = SamplingParams.DEFAULT
                .withTemperature(0.7f)
                .withTopK(40)
                .withTopP(0.95f)
                .withMinP(0.05f)
                .withRepetitionPenalty(1.1f)
                .withPresencePenalty(0.5f)
                .withFrequencyPenalty(0.25f)
                .withPenaltyWindow(128)
                .withLogitBias(Map.of(7, -1f))
                .withSeed(99);

        assertThat(params)
                .isEqualTo(new SamplingParams(0.7f, 40, 0.95f, 0.05f, 1.1f, 0.5f, 0.25f, 128, Map.of(7, -1f), 99));
        assertThat(params.hasPenalties()).isTrue();
        assertThat(params.withPenaltyWindow(0).hasPenalties()).isFalse();
    }

    @Test
    void copiesTheLogitBias() {
        Map<Integer, Float> bias = new HashMap<>(Map.of(3, 1f));
        SamplingParams params = SamplingParams.DEFAULT.withLogitBias(bias);

        bias.put(4, 2f);

        assertThat(params.logitBias()).containsOnlyKeys(3);
    }

    @Test
    void rejectsValuesOutOfRange() {
        SamplingParams d = SamplingParams.DEFAULT;
        assertRejected(() -> d.withTemperature(-0.1f), "temperature must be a finite number of at least 0");
        assertRejected(() -> d.withTemperature(Float.NaN), "temperature");
        assertRejected(() -> d.withTemperature(Float.POSITIVE_INFINITY), "temperature");
        assertRejected(() -> d.withTopK(-1), "top-k must be at least 0 (0 is off), not -1");
        assertRejected(() -> d.withTopP(0f), "top-p must be in (0, 1] (1 is off), not 0.0");
        assertRejected(() -> d.withTopP(1.5f), "top-p");
        assertRejected(() -> d.withTopP(Float.NaN), "top-p");
        assertRejected(() -> d.withMinP(-0.01f), "min-p must be in [0, 1]");
        assertRejected(() -> d.withMinP(1.01f), "min-p");
        assertRejected(() -> d.withRepetitionPenalty(0f), "repetition penalty must be a finite number above 0");
        assertRejected(() -> d.withRepetitionPenalty(Float.POSITIVE_INFINITY), "repetition penalty");
        assertRejected(() -> d.withPresencePenalty(Float.NaN), "presence penalty must be finite");
        assertRejected(() -> d.withFrequencyPenalty(Float.NEGATIVE_INFINITY), "frequency penalty must be finite");
        assertRejected(() -> d.withPenaltyWindow(-1), "penalty window must be at least 0");
        assertRejected(() -> d.withLogitBias(Map.of(-2, 1f)), "negative token id -2");
        assertRejected(
                () -> d.withLogitBias(Map.of(5, Float.NaN)),
                "the logit bias of token 5 must be finite or -infinity (a ban), not NaN");
        assertRejected(() -> d.withLogitBias(Map.of(5, Float.POSITIVE_INFINITY)), "logit bias of token 5");
    }

    @Test
    void acceptsABan() {
        assertThat(SamplingParams.DEFAULT
                        .withLogitBias(Map.of(5, Float.NEGATIVE_INFINITY))
                        .logitBias())
                .containsEntry(5, Float.NEGATIVE_INFINITY);
    }

    private static void assertRejected(Runnable construction, String message) {
        assertThatThrownBy(construction::run)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
