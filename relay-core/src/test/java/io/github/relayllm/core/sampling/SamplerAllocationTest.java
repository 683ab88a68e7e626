package io.github.relayllm.core.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** After warm-up, sampling a token allocates nothing, at Qwen3's vocabulary size. */
class SamplerAllocationTest {
    private static final int VOCABULARY = 151_936;
    private static final int CALLS = 200;

    @ParameterizedTest
    @ValueSource(strings = {"greedy", "temperature", "top-p", "top-k then top-p", "min-p", "penalties and bias"})
    void samplingAllocatesNothingPerCall(String chain) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported(), "no per-thread allocation counter");
        threads.setThreadAllocatedMemoryEnabled(true);
        Sampler sampler = new Sampler(params(chain), VOCABULARY);
        float[] logits = modelLikeLogits();
        float[] step = new float[VOCABULARY];
        int[] history = {1, 5, 9, 1, 77, 151_000};
        long threadId = Thread.currentThread().threadId();

        int checksum = 0;
        for (int i = 0; i < CALLS; i++) {
            System.arraycopy(logits, 0, step, 0, VOCABULARY);
            checksum += sampler.sample(step, history, history.length);
        }
        long before = threads.getThreadAllocatedBytes(threadId);
        for (int i = 0; i < CALLS; i++) {
            System.arraycopy(logits, 0, step, 0, VOCABULARY);
            checksum += sampler.sample(step, history, history.length);
        }
        long allocated = threads.getThreadAllocatedBytes(threadId) - before;

        assertThat(checksum).isNotNegative();
        assertThat(allocated).as("bytes allocated by %d calls", CALLS).isZero();
    }

    private static SamplingParams params(String chain) {
        SamplingParams sampled = SamplingParams.DEFAULT.withTemperature(0.7f);
        return switch (chain) {
            case "greedy" -> SamplingParams.GREEDY;
            case "temperature" -> sampled;
            case "top-p" -> sampled.withTopP(0.95f);
            case "top-k then top-p" -> sampled.withTopK(40).withTopP(0.95f);
            case "min-p" -> sampled.withMinP(0.05f);
            case "penalties and bias" ->
                sampled.withRepetitionPenalty(1.1f)
                        .withPresencePenalty(0.5f)
                        .withFrequencyPenalty(0.1f)
                        .withLogitBias(Map.of(3, -2f, 7, Float.NEGATIVE_INFINITY));
            default -> throw new IllegalArgumentException(chain);
        };
    }

    /** Gaussian noise with a handful of clear favourites, as a language model's logits look. */
    static float[] modelLikeLogits() {
        SplittableRandom random = new SplittableRandom(3);
        float[] logits = new float[VOCABULARY];
        for (int i = 0; i < VOCABULARY; i++) {
            logits[i] = (float) (random.nextGaussian() * 2.5);
        }
        for (int i = 0; i < 20; i++) {
            logits[random.nextInt(VOCABULARY)] += 10 + 0.5f * i;
        }
        return logits;
    }
}
