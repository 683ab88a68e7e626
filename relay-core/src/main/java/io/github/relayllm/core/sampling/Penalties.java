package io.github.relayllm.core.sampling;

/**
 * The repetition, presence and frequency penalties over the last {@code window} tokens of the
 * history, as llama.cpp's penalties sampler: for a token seen {@code n > 0} times, a positive logit
 * is divided by the repetition penalty and a non-positive one multiplied by it, then {@code n *
 * frequency + presence} is subtracted. O(window) per call, using the workspace's per-token counts
 * (left all zero again).
 */
final class Penalties {
    private final float repetition;
    private final float presence;
    private final float frequency;
    private final int window;
    private final int[] counts;

    Penalties(SamplingParams params, int[] counts) {
        this.repetition = params.repetitionPenalty();
        this.presence = params.presencePenalty();
        this.frequency = params.frequencyPenalty();
        this.window = params.hasPenalties() ? params.penaltyWindow() : 0;
        this.counts = counts;
    }

    void apply(float[] logits, int[] history, int historyLength) {
        int from = Math.max(0, historyLength - window);
        if (from == historyLength) {
            return;
        }
        // Check every id before counting any, so that a bad history leaves the counts all zero.
        for (int i = from; i < historyLength; i++) {
            if (history[i] < 0 || history[i] >= logits.length) {
                throw new IllegalArgumentException("history token %d is %d, outside the vocabulary of %d tokens"
                        .formatted(i, history[i], logits.length));
            }
        }
        for (int i = from; i < historyLength; i++) {
            counts[history[i]]++;
        }
        for (int i = from; i < historyLength; i++) {
            int token = history[i];
            int count = counts[token];
            if (count > 0) {
                float logit = logits[token];
                logit = logit <= 0 ? logit * repetition : logit / repetition;
                logits[token] = logit - (count * frequency + presence);
                counts[token] = 0;
            }
        }
    }
}
