package io.github.relayllm.core.sampling;

import java.util.Map;
import java.util.Objects;

/**
 * How to choose the next token from a model's logits. Every knob has an "off" value, and {@link
 * #DEFAULT} has them all off: plain sampling from the softmax at temperature 1. A {@link Sampler}
 * applies them in llama.cpp's default order (see there).
 *
 * <pre>{@code
 * SamplingParams relay = SamplingParams.DEFAULT.withTemperature(0.7f).withSeed(42);
 * }</pre>
 *
 * @param temperature divides the logits before the final softmax; 0 is greedy (argmax, no RNG)
 * @param topK keep the {@code topK} most likely tokens; 0 is off
 * @param topP keep the smallest set of most likely tokens whose probability reaches {@code topP}; 1
 *     is off
 * @param minP keep tokens at least {@code minP} times as likely as the most likely one; 0 is off
 * @param repetitionPenalty CTRL-style, as llama.cpp: a token seen in the penalty window has a
 *     positive logit divided by it and a negative one multiplied by it; 1 is off
 * @param presencePenalty subtracted once from the logit of every token seen in the window; 0 is off
 * @param frequencyPenalty subtracted from a token's logit once per occurrence in the window; 0 is
 *     off
 * @param penaltyWindow how many of the most recent tokens of the history the three penalties look
 *     at (llama.cpp's {@code repeat_last_n}, 64 by default); 0 turns them off
 * @param logitBias added to the logits of the tokens it names before anything else but the {@link
 *     LogitProcessor}; {@code Float.NEGATIVE_INFINITY} bans a token
 * @param seed seeds the per-request random generator; the same seed and inputs give the same tokens
 */
public record SamplingParams(
        float temperature,
        int topK,
        float topP,
        float minP,
        float repetitionPenalty,
        float presencePenalty,
        float frequencyPenalty,
        int penaltyWindow,
        Map<Integer, Float> logitBias,
        long seed) {

    /** llama.cpp's default penalty window ({@code repeat_last_n}). */
    public static final int DEFAULT_PENALTY_WINDOW = 64;

    /** Sampling from the model's own distribution: temperature 1, every filter and penalty off, seed 0. */
    public static final SamplingParams DEFAULT =
            new SamplingParams(1f, 0, 1f, 0f, 1f, 0f, 0f, DEFAULT_PENALTY_WINDOW, Map.of(), 0);

    /** Always the most likely token. */
    public static final SamplingParams GREEDY = DEFAULT.withTemperature(0f);

    public SamplingParams {
        if (!(temperature >= 0) || Float.isInfinite(temperature)) {
            throw new IllegalArgumentException(
                    "temperature must be a finite number of at least 0 (0 is greedy), not " + temperature);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("top-k must be at least 0 (0 is off), not " + topK);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("top-p must be in (0, 1] (1 is off), not " + topP);
        }
        if (!(minP >= 0 && minP <= 1)) {
            throw new IllegalArgumentException("min-p must be in [0, 1] (0 is off), not " + minP);
        }
        if (!(repetitionPenalty > 0) || Float.isInfinite(repetitionPenalty)) {
            throw new IllegalArgumentException(
                    "the repetition penalty must be a finite number above 0 (1 is off), not " + repetitionPenalty);
        }
        if (!Float.isFinite(presencePenalty)) {
            throw new IllegalArgumentException("the presence penalty must be finite, not " + presencePenalty);
        }
        if (!Float.isFinite(frequencyPenalty)) {
            throw new IllegalArgumentException("the frequency penalty must be finite, not " + frequencyPenalty);
        }
        if (penaltyWindow < 0) {
            throw new IllegalArgumentException(
                    "the penalty window must be at least 0 tokens (0 is off), not " + penaltyWindow);
        }
        Objects.requireNonNull(logitBias, "logitBias");
        for (Map.Entry<Integer, Float> entry : logitBias.entrySet()) {
            Integer token = Objects.requireNonNull(entry.getKey(), "a logit bias for a null token");
            Float bias = Objects.requireNonNull(entry.getValue(), "a null logit bias for token " + token);
            if (token < 0) {
                throw new IllegalArgumentException("a logit bias for the negative token id " + token);
            }
            if (bias.isNaN() || bias == Float.POSITIVE_INFINITY) {
                throw new IllegalArgumentException(
                        "the logit bias of token %d must be finite or -infinity (a ban), not %s"
                                .formatted(token, bias));
            }
        }
        logitBias = Map.copyOf(logitBias);
    }

    /** Whether these parameters pick the argmax: temperature 0. */
    public boolean isGreedy() {
        return temperature == 0;
    }

    /** Whether any of the repetition, presence or frequency penalties does something. */
    public boolean hasPenalties() {
        return penaltyWindow > 0 && (repetitionPenalty != 1 || presencePenalty != 0 || frequencyPenalty != 0);
    }

    public SamplingParams withTemperature(float temperature) {
        return new SamplingParams(
                temperature,
                topK,
                topP,
                minP,
                repetitionPenalty,
                presencePenalty,
                frequencyPenalty,
                penaltyWindow,
                logitBias,
                seed);
    }

    public SamplingParams withTopK(int topK) {
        return new SamplingParams(
                temperature,
                topK,
                topP,
                minP,
                repetitionPenalty,
                presencePenalty,
                frequencyPenalty,
                penaltyWindow,
                logitBias,
                seed);
    }

    public SamplingParams withTopP(float topP) {
        return new SamplingParams(
                temperature,
                topK,
                topP,
                minP,
                repetitionPenalty,
                presencePenalty,
                frequencyPenalty,
                penaltyWindow,
                logitBias,
                seed);
    }

    public SamplingParams withMinP(float minP) {
        return new SamplingParams(
                temperature,
                topK,
                topP,
                minP,
                repetitionPenalty,
                presencePenalty,
                frequencyPenalty,
                penaltyWindow,
                logitBias,
                seed);
    }

    public SamplingParams withRepetitionPenalty(float repetitionPenalty) {
        return new SamplingParams(
                temperature,
                topK,
                topP,
                minP,
                repetitionPenalty,
                presencePenalty,
                frequencyPenalty,
                penaltyWindow,
                logitBias,
                seed);
    }

    public SamplingParams withPresencePenalty(float presencePenalty) {
        return new SamplingParams(
                temperature,
                topK,
                topP,
                minP,
                repetitionPenalty,
                presencePenalty,
                frequencyPenalty,
                penaltyWindow,
                logitBias,
                seed);
    }

    public SamplingParams withFrequencyPenalty(float frequencyPenalty) {
        return new SamplingParams(
                temperature,
                topK,
                topP,
                minP,
                repetitionPenalty,
                presencePenalty,
                frequencyPenalty,
                penaltyWindow,
                logitBias,
                seed);
    }

    public SamplingParams withPenaltyWindow(int penaltyWindow) {
        return new SamplingParams(
                temperature,
                topK,
                topP,
                minP,
                repetitionPenalty,
                presencePenalty,
                frequencyPenalty,
                penaltyWindow,
                logitBias,
                seed);
    }

    public SamplingParams withLogitBias(Map<Integer, Float> logitBias) {
        return new SamplingParams(
                temperature,
                topK,
                topP,
                minP,
                repetitionPenalty,
                presencePenalty,
                frequencyPenalty,
                penaltyWindow,
                logitBias,
                seed);
    }

    public SamplingParams withSeed(long seed) {
        return new SamplingParams(
                temperature,
                topK,
                topP,
                minP,
                repetitionPenalty,
                presencePenalty,
                frequencyPenalty,
                penaltyWindow,
                logitBias,
                seed);
    }
}
