package io.github.relayllm.core.generate;

/**
 * Where a generation's time went, in llama.cpp's terms: the prompt tokens actually computed (after
 * KV cache reuse) and the time to compute them, the tokens generated and the time to generate them.
 *
 * @param promptTokens prompt tokens computed (a reused prefix costs nothing and is not counted)
 * @param promptNanos time spent computing them
 * @param generatedTokens tokens generated, the end-of-generation token included when one was written
 * @param generationNanos time spent generating (sampling included)
 */
public record Timings(int promptTokens, long promptNanos, int generatedTokens, long generationNanos) {
    public double promptMillis() {
        return promptNanos / 1e6;
    }

    public double generationMillis() {
        return generationNanos / 1e6;
    }

    /** Prompt tokens per second, or 0 when none were computed. */
    public double promptTokensPerSecond() {
        return promptNanos == 0 ? 0 : promptTokens * 1e9 / promptNanos;
    }

    /** Generated tokens per second, or 0 when none were generated. */
    public double generationTokensPerSecond() {
        return generationNanos == 0 ? 0 : generatedTokens * 1e9 / generationNanos;
    }
}
