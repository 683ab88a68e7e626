package io.github.relayllm.core.sampling;

/**
 * The scratch arrays a {@link Sampler} works in, sized to the vocabulary: about 20 bytes per token
 * (3 MB for Qwen3's 151,936), allocated once here so that sampling allocates nothing per token.
 * Samplers used by one thread (say, every session a scheduler steps) can share one workspace; a
 * workspace holds nothing between calls. Not thread-safe.
 */
public final class SamplingWorkspace {
    /** The largest vocabulary a workspace serves; keeps the fixed-point weight sums inside a long. */
    public static final int MAX_VOCABULARY_SIZE = 1 << 22;

    private final int vocabularySize;
    /** Candidates: {@link RankKeys} or bare token ids. */
    final long[] keys;
    /** Fixed-point probability weights, indexed by token or by candidate position. */
    final long[] weights;
    /** Occurrences of each token in the penalty window; all zero between calls. */
    final int[] counts;

    final long[] bucketMass = new long[CandidateList.BUCKETS];
    final int[] bucketCount = new int[CandidateList.BUCKETS];

    public SamplingWorkspace(int vocabularySize) {
        if (vocabularySize < 1 || vocabularySize > MAX_VOCABULARY_SIZE) {
            throw new IllegalArgumentException("a vocabulary of %d tokens; sampling supports 1 to %d"
                    .formatted(vocabularySize, MAX_VOCABULARY_SIZE));
        }
        this.vocabularySize = vocabularySize;
        this.keys = new long[vocabularySize];
        this.weights = new long[vocabularySize];
        this.counts = new int[vocabularySize];
    }

    /** The number of logits the samplers using it take. */
    public int vocabularySize() {
        return vocabularySize;
    }
}
