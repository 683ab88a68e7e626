package io.github.relayllm.core.model.synth;

import io.github.relayllm.core.model.WeightSpec;

/**
 * The values of a model's weights, row by row, in Hugging Face row order (a GGUF writer of a Llama
 * model permutes Q/K rows itself). Must be safe to call from several threads at once: writers fill
 * rows in parallel.
 */
@FunctionalInterface
public interface WeightValues {
    /** Fills {@code row} (exactly one row long) with row {@code rowIndex} of {@code spec}. */
    void fillRow(WeightSpec spec, long rowIndex, float[] row);
}
