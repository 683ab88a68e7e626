package io.github.relayllm.bench.eval.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SampleSeedTest {
    /** Computed by an independent Python transcription of the documented function. */
    @Test
    void knownValuesStayFixed() {
        assertThat(SampleSeed.seed("aime24", "60", 0, 0L)).isEqualTo(5472529615029810412L);
        assertThat(SampleSeed.seed("aime24", "60", 31, 0L)).isEqualTo(9046068247818722080L);
        assertThat(SampleSeed.seed("math500", "test/precalculus/807.json", 0, 42L))
                .isEqualTo(-5349804189129785442L);
        assertThat(SampleSeed.seed("gsm8k", "0", 0, -1L)).isEqualTo(-5706833574616862605L);
    }

    @Test
    void differsForEveryInput() {
        long base = SampleSeed.seed("aime24", "60", 0, 0L);
        assertThat(SampleSeed.seed("aime25", "60", 0, 0L)).isNotEqualTo(base);
        assertThat(SampleSeed.seed("aime24", "61", 0, 0L)).isNotEqualTo(base);
        assertThat(SampleSeed.seed("aime24", "60", 1, 0L)).isNotEqualTo(base);
        assertThat(SampleSeed.seed("aime24", "60", 0, 1L)).isNotEqualTo(base);
        // The byte counts keep the boundary between key and id.
        assertThat(SampleSeed.seed("ab", "c", 0, 0L)).isNotEqualTo(SampleSeed.seed("a", "bc", 0, 0L));
    }

    @Test
    void noCollisionsOverManyItemsAndRepeats() {
        Set<Long> seeds = new HashSet<>();
        for (int item = 0; item < 2000; item++) {
            for (int repeat = 0; repeat < 32; repeat++) {
                seeds.add(SampleSeed.seed("gsm8k", Integer.toString(item), repeat, 42L));
            }
        }
        assertThat(seeds).hasSize(2000 * 32);
    }

    @Test
    void samplesRepeatEachItemInOrderWithItsSeed() {
        DatasetItem a = new DatasetItem("a", "q1", "1", 1, "{}");
        DatasetItem b = new DatasetItem("b", "q2", "2", 2, "{}");
        Dataset dataset = new Dataset("aime24", Path.of("x.jsonl"), 32, List.of(a, b));

        List<EvalSample> samples = dataset.samples(2, 9L);

        assertThat(samples)
                .containsExactly(
                        new EvalSample(a, 0, SampleSeed.seed("aime24", "a", 0, 9L)),
                        new EvalSample(a, 1, SampleSeed.seed("aime24", "a", 1, 9L)),
                        new EvalSample(b, 0, SampleSeed.seed("aime24", "b", 0, 9L)),
                        new EvalSample(b, 1, SampleSeed.seed("aime24", "b", 1, 9L)));
        assertThat(dataset.samples(9L)).hasSize(64);
    }
}
