package io.github.relayllm.core.runtime;

import io.github.relayllm.kernels.backend.Backend;
import io.github.relayllm.kernels.backend.Buffer;
import io.github.relayllm.kernels.tensor.DType;
import io.github.relayllm.kernels.tensor.Shape;

/**
 * The per-step int buffers the host writes before each run: for every token row its id, position,
 * cache slot and sequence (an index into the step's block tables); the block table of every sequence
 * in the step; the token rows whose logits are wanted; and, written by the device, the argmax of each
 * output row.
 */
record StepInputs(
        Buffer tokenIds,
        Buffer positions,
        Buffer slots,
        Buffer rowSequence,
        Buffer blockTables,
        Buffer outputRows,
        Buffer argmax) {

    static StepInputs allocate(Backend backend, RunnerLimits limits) {
        int tokens = limits.maxTokensPerStep();
        return new StepInputs(
                ints(backend, tokens),
                ints(backend, tokens),
                ints(backend, tokens),
                ints(backend, tokens),
                backend.allocate(DType.I32, Shape.of(limits.maxSequencesPerStep(), limits.maxBlocksPerSequence())),
                ints(backend, limits.maxOutputsPerStep()),
                ints(backend, limits.maxOutputsPerStep()));
    }

    private static Buffer ints(Backend backend, int count) {
        return backend.allocate(DType.I32, Shape.of(count));
    }
}
