package io.github.relayllm.core.sampling;

import java.util.Arrays;

/**
 * The tokens still in the running during one sampling step, and the filters that narrow them. It
 * starts as the whole vocabulary in id order ({@code all}: nothing written) and becomes a list of
 * token ids in the workspace: in rank order after top-k; after top-p over the whole vocabulary, in id
 * order except for the tokens of the bucket at the cut, which follow in rank order; min-p keeps the
 * order it finds.
 *
 * <p>Probabilities are fixed-point integer weights ({@link Weights}), {@code exp(-d) * 2^40} for a
 * token {@code d} nats below the best one (after temperature, when drawing). Sums of integers do not
 * depend on the order they are added in, so the top-p cut is one exact set however the candidates
 * are visited, and a draw is exact over those weights. The price: a token less likely than 2^-40
 * times the best one has weight 0 and is never drawn.
 */
final class CandidateList {
    static final int BUCKETS = 256;

    private static final float BUCKETS_PER_NAT = 8f;
    private static final float BUCKETED_NATS = BUCKETS / BUCKETS_PER_NAT;

    private final long[] keys;
    private final long[] weights;
    private final long[] bucketMass;
    private final int[] bucketCount;

    private float[] logits;
    private float maxLogit;
    private int count;
    /** Candidates are every token, in id order; {@link #keys} holds nothing. */
    private boolean all;
    /** Candidates are in {@link #keys} in rank order (best first). */
    private boolean ranked;

    CandidateList(SamplingWorkspace workspace) {
        this.keys = workspace.keys;
        this.weights = workspace.weights;
        this.bucketMass = workspace.bucketMass;
        this.bucketCount = workspace.bucketCount;
    }

    /**
     * The first index of the largest logit.
     *
     * @throws IllegalArgumentException if a logit is NaN or +infinity, or every logit is -infinity
     */
    static int firstMax(float[] logits) {
        int best = -1;
        float bestLogit = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < logits.length; i++) {
            float logit = logits[i];
            if (!(logit <= bestLogit)) {
                if (!(logit < Float.POSITIVE_INFINITY)) {
                    throw new IllegalArgumentException("the logit of token %d is %s".formatted(i, logit));
                }
                best = i;
                bestLogit = logit;
            }
        }
        if (best < 0) {
            throw new IllegalArgumentException("no token can be sampled: every logit is -infinity");
        }
        return best;
    }

    /** Starts a step over every token of {@code logits}. */
    void reset(float[] logits) {
        this.logits = logits;
        this.maxLogit = logits[firstMax(logits)];
        this.count = logits.length;
        this.all = true;
        this.ranked = false;
    }

    int count() {
        return count;
    }

    /** The token id of candidate {@code position}. */
    int tokenAt(int position) {
        return all ? position : RankKeys.index(keys[position]);
    }

    /** Keeps the {@code k} best candidates; the first filter of the chain, so it sees every token. */
    void keepTopK(int k) {
        if (k <= 0 || k >= count) {
            return;
        }
        if (!all) {
            throw new IllegalStateException("top-k runs first, on the whole vocabulary");
        }
        RankKeys.selectBest(logits, k, keys);
        count = k;
        all = false;
        ranked = true;
    }

    /**
     * Keeps the smallest set of best candidates whose probability (at temperature 1, over the current
     * candidates) reaches {@code p}: its integer weight sum is at least {@code ceil(p * total)}.
     */
    void keepTopP(float p) {
        if (p >= 1) {
            return;
        }
        if (all) {
            keepTopPByBuckets(p);
            return;
        }
        if (!ranked) {
            rank();
        }
        long total = 0;
        for (int j = 0; j < count; j++) {
            long weight = Weights.of(maxLogit - logits[tokenAt(j)]);
            weights[j] = weight;
            total += weight;
        }
        long needed = needed(p, total);
        long cumulative = 0;
        for (int j = 0; j < count; j++) {
            cumulative += weights[j];
            if (cumulative >= needed) {
                count = j + 1;
                return;
            }
        }
    }

    /**
     * Top-p over the whole vocabulary without sorting it: tokens go into buckets by their distance
     * from the best logit (1/8 nat wide); whole buckets are kept while their mass stays below the
     * target, and only the bucket where the target is reached is sorted to find the exact cut. Two
     * passes over the vocabulary, one exp per token, and a sort of one bucket.
     */
    private void keepTopPByBuckets(float p) {
        Arrays.fill(bucketMass, 0);
        Arrays.fill(bucketCount, 0);
        long total = 0;
        for (int i = 0; i < logits.length; i++) {
            float distance = maxLogit - logits[i];
            long weight = Weights.of(distance);
            weights[i] = weight;
            total += weight;
            int bucket = bucket(distance);
            bucketMass[bucket] += weight;
            bucketCount[bucket]++;
        }
        long needed = needed(p, total);
        long cumulative = 0;
        int boundary = 0;
        int above = 0;
        while (cumulative + bucketMass[boundary] < needed) {
            cumulative += bucketMass[boundary];
            above += bucketCount[boundary];
            boundary++;
        }
        int kept = 0;
        int end = above;
        for (int i = 0; i < logits.length; i++) {
            int bucket = bucket(maxLogit - logits[i]);
            if (bucket < boundary) {
                keys[kept++] = i;
            } else if (bucket == boundary) {
                keys[end++] = RankKeys.of(logits[i], i);
            }
        }
        RankKeys.sort(keys, above, end);
        count = end;
        for (int j = above; j < end; j++) {
            cumulative += weights[RankKeys.index(keys[j])];
            if (cumulative >= needed) {
                count = j + 1;
                break;
            }
        }
        all = false;
        ranked = false;
    }

    /** Keeps the candidates at least {@code p} times as likely as the best: logit >= max + ln p. */
    void keepMinP(float p) {
        if (p <= 0) {
            return;
        }
        float threshold = maxLogit + (float) Math.log(p);
        int kept = 0;
        for (int j = 0; j < count; j++) {
            int token = tokenAt(j);
            if (logits[token] >= threshold) {
                keys[kept++] = all ? token : keys[j];
            }
        }
        count = kept;
        all = false;
    }

    /**
     * Draws one candidate with probability proportional to {@code exp(logit / temperature)} (as
     * {@code (max - logit) * (1 / temperature)}), walking the candidates in their current order. A
     * single candidate is returned without drawing.
     */
    int draw(float temperature, Xoshiro256StarStar random) {
        if (count == 1) {
            return tokenAt(0);
        }
        // A product is several times cheaper than a division per token; the clamp keeps a subnormal
        // temperature from turning the best token's 0 * infinity into NaN.
        float inverseTemperature = Math.min(1 / temperature, Float.MAX_VALUE);
        int drawn = all ? weighEveryToken(inverseTemperature) : weighCandidates(inverseTemperature);
        long total = 0;
        for (int j = 0; j < drawn; j++) {
            total += weights[j];
        }
        long target = Math.min((long) (random.nextDouble() * total), total - 1);
        long cumulative = 0;
        for (int j = 0; j < drawn; j++) {
            cumulative += weights[j];
            if (cumulative > target) {
                return RankKeys.index(keys[j]);
            }
        }
        throw new IllegalStateException("the draw passed the total weight " + total);
    }

    /**
     * Lists the tokens of the whole vocabulary that have a weight at {@code 1 / inverseTemperature},
     * in id order, with their weights; returns how many. A token more than {@link Weights#NEGLIGIBLE} nats
     * below the best costs a comparison, not an exp, and is not listed.
     */
    private int weighEveryToken(float inverseTemperature) {
        int listed = 0;
        for (int i = 0; i < logits.length; i++) {
            float distance = (maxLogit - logits[i]) * inverseTemperature;
            if (distance < Weights.NEGLIGIBLE) {
                keys[listed] = i;
                weights[listed++] = Weights.of(distance);
            }
        }
        return listed;
    }

    /** Weighs the candidates at {@code 1 / inverseTemperature} in place; returns how many. */
    private int weighCandidates(float inverseTemperature) {
        for (int j = 0; j < count; j++) {
            weights[j] = Weights.of((maxLogit - logits[tokenAt(j)]) * inverseTemperature);
        }
        return count;
    }

    private void rank() {
        for (int j = 0; j < count; j++) {
            int token = tokenAt(j);
            keys[j] = RankKeys.of(logits[token], token);
        }
        RankKeys.sort(keys, 0, count);
        all = false;
        ranked = true;
    }

    private static long needed(float p, long total) {
        return Math.max(1, Math.min(total, (long) Math.ceil(p * (double) total)));
    }

    private static int bucket(float distance) {
        return distance < BUCKETED_NATS ? (int) (distance * BUCKETS_PER_NAT) : BUCKETS - 1;
    }
}
