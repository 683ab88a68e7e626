package io.github.relayllm.bench.eval.dataset;

import java.nio.charset.StandardCharsets;

/**
 * The sampling seed of one answer, so that any single (item, repeat) can be rerun alone and gives
 * what it gave inside the full run, on any JVM. Pure arithmetic on the inputs, no {@code hashCode}
 * (which Java does not promise across versions for every type) and no shared random state.
 */
public final class SampleSeed {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private SampleSeed() {}

    /**
     * A 64-bit hash of the inputs built from SplitMix64's mixer. Starting from {@code h = baseSeed},
     * each 64-bit word {@code w} is absorbed as {@code h = mix64((h + 0x9E3779B97F4A7C15) ^ w)}, where
     * {@code mix64} is SplitMix64's finaliser ({@code z = (z ^ z>>>30) * 0xBF58476D1CE4E5B9; z = (z ^
     * z>>>27) * 0x94D049BB133111EB; z ^ z>>>31}). The words are: the UTF-8 byte count of {@code
     * benchmarkKey}, then each of its bytes (unsigned), the same for {@code itemId}, then {@code
     * repeat}. Counting the bytes keeps ("ab", "c") and ("a", "bc") apart. Cost: one multiply pair
     * per byte.
     */
    public static long seed(String benchmarkKey, String itemId, int repeat, long baseSeed) {
        long h = baseSeed;
        h = absorb(h, benchmarkKey.getBytes(StandardCharsets.UTF_8));
        h = absorb(h, itemId.getBytes(StandardCharsets.UTF_8));
        return absorb(h, repeat);
    }

    private static long absorb(long h, byte[] bytes) {
        h = absorb(h, bytes.length);
        for (byte b : bytes) {
            h = absorb(h, b & 0xFF);
        }
        return h;
    }

    private static long absorb(long h, long word) {
        return mix64((h + GOLDEN_GAMMA) ^ word);
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
