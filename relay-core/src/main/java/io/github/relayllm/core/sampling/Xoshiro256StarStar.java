package io.github.relayllm.core.sampling;

/**
 * The xoshiro256** generator of Blackman and Vigna, its 256-bit state seeded from a {@code long}
 * through SplitMix64 as its authors recommend. Written out here, rather than taken from {@code
 * java.util.random}, so that a seed gives the same numbers on every JDK, forever: reproducible
 * sampling depends on it. Not thread-safe; not for cryptography.
 */
public final class Xoshiro256StarStar {
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private long s0;
    private long s1;
    private long s2;
    private long s3;

    /** A generator whose state is the first four outputs of SplitMix64 started at {@code seed}. */
    public Xoshiro256StarStar(long seed) {
        long x = seed;
        s0 = splitMix64(x += GOLDEN_GAMMA);
        s1 = splitMix64(x += GOLDEN_GAMMA);
        s2 = splitMix64(x += GOLDEN_GAMMA);
        s3 = splitMix64(x + GOLDEN_GAMMA);
    }

    /** A generator in exactly this state (not all zero); for reproducing published test vectors. */
    static Xoshiro256StarStar ofState(long s0, long s1, long s2, long s3) {
        if ((s0 | s1 | s2 | s3) == 0) {
            throw new IllegalArgumentException("the all-zero state is a fixed point of xoshiro256**");
        }
        Xoshiro256StarStar generator = new Xoshiro256StarStar(0);
        generator.s0 = s0;
        generator.s1 = s1;
        generator.s2 = s2;
        generator.s3 = s3;
        return generator;
    }

    /** The next 64 random bits. */
    public long nextLong() {
        long result = Long.rotateLeft(s1 * 5, 7) * 9;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    /** A uniform double in [0, 1): the top 53 bits of {@link #nextLong()}. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** SplitMix64's output function (Steele, Lea and Flood), applied to an already advanced state. */
    static long splitMix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
