package io.github.relayllm.core.sampling;

import java.util.Map;

/** {@link SamplingParams#logitBias()} as parallel arrays, checked against the vocabulary once. */
final class LogitBias {
    private final int[] tokens;
    private final float[] biases;

    private LogitBias(int[] tokens, float[] biases) {
        this.tokens = tokens;
        this.biases = biases;
    }

    static LogitBias of(Map<Integer, Float> bias, int vocabularySize) {
        int[] tokens =
                bias.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
        float[] biases = new float[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i] >= vocabularySize) {
                throw new IllegalArgumentException("a logit bias for token %d, outside the vocabulary of %d tokens"
                        .formatted(tokens[i], vocabularySize));
            }
            biases[i] = bias.get(tokens[i]);
        }
        return new LogitBias(tokens, biases);
    }

    void apply(float[] logits) {
        for (int i = 0; i < tokens.length; i++) {
            logits[tokens[i]] += biases[i];
        }
    }
}
