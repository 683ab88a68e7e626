package io.github.relayllm.core.runtime;

import io.github.relayllm.kernels.tensor.DType;

/**
 * The fixed capacities a model runner is built for: they size every buffer once, so that steps
 * allocate nothing.
 *
 * @param maxTokensPerStep token rows per step: the prefill chunk, and the batch of decoding sequences
 * @param maxOutputsPerStep rows of logits per step (one per decoding sequence; more to read the
 *     logits of every prompt position)
 * @param maxSequencesPerStep distinct sequences in one step
 * @param maxBlocksPerSequence block-table width: the longest sequence is this times the block size
 * @param blockSize tokens per KV cache block
 * @param cacheBlocks blocks in the KV cache pool
 * @param cacheType element type of the KV cache, F32 or F16
 */
public record RunnerLimits(
        int maxTokensPerStep,
        int maxOutputsPerStep,
        int maxSequencesPerStep,
        int maxBlocksPerSequence,
        int blockSize,
        int cacheBlocks,
        DType cacheType) {

    public RunnerLimits {
        requirePositive("max tokens per step", maxTokensPerStep);
        requirePositive("max outputs per step", maxOutputsPerStep);
        requirePositive("max sequences per step", maxSequencesPerStep);
        requirePositive("max blocks per sequence", maxBlocksPerSequence);
        requirePositive("block size", blockSize);
        requirePositive("cache blocks", cacheBlocks);
        if (maxOutputsPerStep > maxTokensPerStep || maxSequencesPerStep > maxTokensPerStep) {
            throw new IllegalArgumentException("a step of %d tokens can not have %d outputs or %d sequences"
                    .formatted(maxTokensPerStep, maxOutputsPerStep, maxSequencesPerStep));
        }
        if (cacheType != DType.F32 && cacheType != DType.F16) {
            throw new IllegalArgumentException("the KV cache holds F32 or F16, not " + cacheType);
        }
    }

    /** The longest sequence the block tables can describe. */
    public long maxSequenceLength() {
        return (long) maxBlocksPerSequence * blockSize;
    }

    private static void requirePositive(String what, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(what + " must be positive: " + value);
        }
    }
}
