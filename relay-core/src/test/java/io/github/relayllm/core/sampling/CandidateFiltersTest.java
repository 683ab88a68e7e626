package io.github.relayllm.core.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * The candidate sets top-k, top-p and min-p keep, checked against a naive implementation that sorts
 * the whole vocabulary and applies each definition literally.
 */
class CandidateFiltersTest {

    @Property(tries = 500)
    void keepExactlyTheCandidatesTheDefinitionsKeep(
            @ForAll("logits") float[] logits,
            @ForAll @IntRange(min = 0, max = 60) int topK,
            @ForAll("probabilities") float topP,
            @ForAll("probabilities") float minP,
            @ForAll boolean useTopP,
            @ForAll boolean useMinP) {
        float p = useTopP ? topP : 1f;
        float m = useMinP ? minP : 0f;

        assertThat(filtered(logits, topK, p, m)).isEqualTo(naive(logits, topK, p, m));
    }

    @Property(tries = 200)
    void topPOverALargeVocabularyMatchesTheFullSort(
            @ForAll("largeLogits") float[] logits, @ForAll("probabilities") float topP) {
        assertThat(filtered(logits, 0, topP, 0f)).isEqualTo(naive(logits, 0, topP, 0f));
    }

    @Example
    void topPKeepsTheTokenThatCrossesTheTarget() {
        // Probabilities 0.5, 0.3, 0.2 (as exp weights): 0.5 < 0.6, 0.5 + 0.3 >= 0.6.
        float[] logits = {(float) Math.log(0.3), (float) Math.log(0.5), (float) Math.log(0.2)};

        assertThat(filtered(logits, 0, 0.6f, 0f)).containsExactly(0, 1);
        assertThat(filtered(logits, 0, 0.4f, 0f)).containsExactly(1);
    }

    @Example
    void topPStopsAsSoonAsTheMassReachesTheTargetExactly() {
        // Equal tokens: half the mass is exactly two of four (over the vocabulary, then after top-k).
        assertThat(filtered(new float[] {1f, 1f, 1f, 1f}, 0, 0.5f, 0f)).containsExactly(0, 1);
        assertThat(filtered(new float[] {1f, 1f, 1f, 1f, 0f}, 4, 0.5f, 0f)).containsExactly(0, 1);
    }

    @Example
    void topKBreaksTiesByTokenId() {
        float[] logits = {1f, 2f, 2f, 2f, 0f};

        assertThat(filtered(logits, 2, 1f, 0f)).containsExactly(1, 2);
    }

    @Example
    void minPKeepsTokensAtLeastThatLikelyRelativeToTheBest() {
        float[] logits = {0f, (float) Math.log(0.5), (float) Math.log(0.09), (float) Math.log(0.11)};

        assertThat(filtered(logits, 0, 1f, 0.1f)).containsExactly(0, 1, 3);
    }

    /** The set of token ids the sampler's chain keeps, ascending. */
    private static List<Integer> filtered(float[] logits, int topK, float topP, float minP) {
        CandidateList candidates = new CandidateList(new SamplingWorkspace(logits.length));
        candidates.reset(logits);
        candidates.keepTopK(topK);
        candidates.keepTopP(topP);
        candidates.keepMinP(minP);
        return IntStream.range(0, candidates.count())
                .map(candidates::tokenAt)
                .sorted()
                .boxed()
                .toList();
    }

    /**
     * The definitions, literally: sort everything by logit (ties by id); top-k is a prefix; top-p is
     * the shortest prefix whose weight reaches {@code ceil(p * total)} over the top-k survivors, with
     * the sampler's fixed-point weights; min-p keeps logits at least {@code max + ln(minP)}.
     */
    private static List<Integer> naive(float[] logits, int topK, float topP, float minP) {
        List<Integer> order =
                new ArrayList<>(IntStream.range(0, logits.length).boxed().toList());
        order.sort(Comparator.<Integer>comparingDouble(i -> -logits[i]).thenComparingInt(i -> i));
        float max = logits[order.getFirst()];
        List<Integer> kept = topK > 0 && topK < order.size() ? order.subList(0, topK) : order;
        if (topP < 1) {
            long total = 0;
            for (int token : kept) {
                total += Weights.of(max - logits[token]);
            }
            long needed = Math.max(1, Math.min(total, (long) Math.ceil(topP * (double) total)));
            long cumulative = 0;
            int length = 0;
            while (cumulative < needed) {
                cumulative += Weights.of(max - logits[kept.get(length++)]);
            }
            kept = kept.subList(0, length);
        }
        if (minP > 0) {
            float threshold = max + (float) Math.log(minP);
            kept = kept.stream().filter(token -> logits[token] >= threshold).toList();
        }
        return kept.stream().sorted().toList();
    }

    @Provide
    Arbitrary<float[]> logits() {
        // A few repeated values make ties; -infinity stands for banned tokens.
        Arbitrary<Float> logit = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.floats().between(-20f, 20f).ofScale(5)),
                Tuple.of(3, Arbitraries.of(0f, 1f, 2.5f, -3f)),
                Tuple.of(1, Arbitraries.just(Float.NEGATIVE_INFINITY)));
        return logit.array(float[].class)
                .ofMinSize(1)
                .ofMaxSize(200)
                .filter(values ->
                        IntStream.range(0, values.length).anyMatch(i -> values[i] != Float.NEGATIVE_INFINITY));
    }

    @Provide
    Arbitrary<float[]> largeLogits() {
        // Gaussian-like logits over thousands of tokens: top-p then cuts inside the buckets.
        return Arbitraries.floats()
                .between(-6f, 6f)
                .ofScale(5)
                .array(float[].class)
                .ofMinSize(2000)
                .ofMaxSize(5000);
    }

    @Provide
    Arbitrary<Float> probabilities() {
        return Arbitraries.oneOf(
                Arbitraries.floats().between(0.001f, 1f).ofScale(6), Arbitraries.of(0.5f, 0.9f, 0.95f, 1f, 0.05f));
    }
}
