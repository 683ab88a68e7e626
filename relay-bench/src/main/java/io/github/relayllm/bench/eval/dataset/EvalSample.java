package io.github.relayllm.bench.eval.dataset;

import java.util.Objects;

/**
 * One answer to draw: an item, which of its repeats this is, and the sampling seed for it.
 *
 * @param repeat 0-based, below the dataset's repeat count
 * @param seed {@link SampleSeed#seed} of the dataset key, item id, repeat and base seed
 */
public record EvalSample(DatasetItem item, int repeat, long seed) {
    public EvalSample {
        Objects.requireNonNull(item, "item");
        if (repeat < 0) {
            throw new IllegalArgumentException("repeat must be >= 0: " + repeat);
        }
    }
}
