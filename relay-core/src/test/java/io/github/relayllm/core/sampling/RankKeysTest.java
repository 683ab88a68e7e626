package io.github.relayllm.core.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class RankKeysTest {
    @Property(tries = 2000)
    void keysOrderByLogitDescendingThenIdAscending(
            @ForAll("logit") float a,
            @ForAll @IntRange(min = 0, max = 1_000_000) int i,
            @ForAll("logit") float b,
            @ForAll @IntRange(min = 0, max = 1_000_000) int j) {
        int expected = Float.compare(b, a) != 0 ? Float.compare(b, a) : Integer.compare(i, j);

        assertThat(Long.signum(Long.compare(RankKeys.of(a, i), RankKeys.of(b, j))))
                .isEqualTo(Integer.signum(expected));
        assertThat(RankKeys.index(RankKeys.of(a, i))).isEqualTo(i);
    }

    @Example
    void ordersTheSpecialValues() {
        float[] descending = {
            Float.MAX_VALUE, 1f, Float.MIN_VALUE, 0f, -0f, -Float.MIN_VALUE, -1f, Float.NEGATIVE_INFINITY
        };
        for (int k = 1; k < descending.length; k++) {
            assertThat(RankKeys.of(descending[k - 1], 5)).isLessThan(RankKeys.of(descending[k], 5));
        }
    }

    @Property(tries = 300)
    void selectsTheSameBestKeysAsAFullSort(
            @ForAll("logits") float[] logits, @ForAll @IntRange(min = 1, max = 400) int wanted) {
        int k = Math.min(wanted, logits.length);
        long[] selected = new long[logits.length];

        RankKeys.selectBest(logits, k, selected);

        assertThat(Arrays.copyOf(selected, k)).isEqualTo(Arrays.copyOf(sortedKeys(logits), k));
    }

    @Property(tries = 300)
    void sortsARangeInPlace(@ForAll("logits") float[] logits, @ForAll @IntRange(min = 0, max = 50) int margin) {
        long[] keys = new long[logits.length + 2 * margin];
        Arrays.fill(keys, 42);
        long[] expected = sortedKeys(logits);
        for (int i = 0; i < logits.length; i++) {
            keys[margin + i] = RankKeys.of(logits[i], i);
        }

        RankKeys.sort(keys, margin, margin + logits.length);

        assertThat(Arrays.copyOfRange(keys, margin, margin + logits.length)).isEqualTo(expected);
        assertThat(Arrays.stream(keys, 0, margin).allMatch(key -> key == 42)).isTrue();
        assertThat(Arrays.stream(keys, margin + logits.length, keys.length).allMatch(key -> key == 42))
                .isTrue();
    }

    private static long[] sortedKeys(float[] logits) {
        long[] keys = new long[logits.length];
        for (int i = 0; i < logits.length; i++) {
            keys[i] = RankKeys.of(logits[i], i);
        }
        Arrays.sort(keys);
        return keys;
    }

    @Provide
    Arbitrary<Float> logit() {
        return Arbitraries.oneOf(
                Arbitraries.floats().ofScale(4).between(-1e6f, 1e6f),
                Arbitraries.of(0f, -0f, 1f, -1f, Float.NEGATIVE_INFINITY, Float.MAX_VALUE, -Float.MIN_VALUE));
    }

    @Provide
    Arbitrary<float[]> logits() {
        return Arbitraries.oneOf(Arbitraries.floats().ofScale(3).between(-50f, 50f), Arbitraries.of(0f, 1f, 2f))
                .array(float[].class)
                .ofMinSize(1)
                .ofMaxSize(600);
    }
}
