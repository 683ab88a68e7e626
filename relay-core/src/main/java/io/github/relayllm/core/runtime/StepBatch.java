package io.github.relayllm.core.runtime;

import io.github.relayllm.core.kv.KvSequence;

/**
 * The token rows of one step, from any number of sequences, filled by the host before {@link
 * ModelRunner#run}: for each row its token id, position, cache slot and sequence, and whether its
 * logits are wanted; for each sequence its block table. Preallocated to a runner's limits and reused
 * step after step, so building a step allocates nothing.
 */
public final class StepBatch {
    final int[] tokenIds;
    final int[] positions;
    final int[] slots;
    final int[] rowSequence;
    final int[] blockTables;
    final int[] outputRows;
    private final int maxBlocksPerSequence;
    private final int maxSequences;
    int tokens;
    int outputs;
    int sequences;

    StepBatch(RunnerLimits limits) {
        tokenIds = new int[limits.maxTokensPerStep()];
        positions = new int[limits.maxTokensPerStep()];
        slots = new int[limits.maxTokensPerStep()];
        rowSequence = new int[limits.maxTokensPerStep()];
        outputRows = new int[limits.maxOutputsPerStep()];
        maxBlocksPerSequence = limits.maxBlocksPerSequence();
        maxSequences = limits.maxSequencesPerStep();
        blockTables = new int[maxSequences * maxBlocksPerSequence];
    }

    /** Empties the batch for the next step. */
    public StepBatch clear() {
        tokens = 0;
        outputs = 0;
        sequences = 0;
        return this;
    }

    /**
     * Adds a sequence whose positions this step reads or writes, and returns its index in this
     * step; its block table is copied as it is now, so claim the slots of the step's tokens first.
     */
    public int addSequence(KvSequence sequence) {
        if (sequences == maxSequences) {
            throw new IllegalStateException("a step holds at most %d sequences".formatted(maxSequences));
        }
        if (sequence.blockCount() > maxBlocksPerSequence) {
            throw new IllegalArgumentException("a sequence of %d blocks; the runner allows %d"
                    .formatted(sequence.blockCount(), maxBlocksPerSequence));
        }
        sequence.writeBlockTable(blockTables, sequences * maxBlocksPerSequence, maxBlocksPerSequence);
        return sequences++;
    }

    /**
     * Adds a token row of sequence {@code sequence} (as {@link #addSequence} numbered it) at {@code
     * position}, writing its cache entry to {@code slot}; {@code wantLogits} makes it an output row.
     * Returns the output row index, or -1.
     */
    public int addToken(int sequence, int token, int position, int slot, boolean wantLogits) {
        if (tokens == tokenIds.length) {
            throw new IllegalStateException("a step holds at most %d tokens".formatted(tokenIds.length));
        }
        if (sequence < 0 || sequence >= sequences) {
            throw new IllegalArgumentException("no sequence " + sequence + " in this step");
        }
        tokenIds[tokens] = token;
        positions[tokens] = position;
        slots[tokens] = slot;
        rowSequence[tokens] = sequence;
        int output = -1;
        if (wantLogits) {
            if (outputs == outputRows.length) {
                throw new IllegalStateException("a step yields at most %d rows of logits".formatted(outputRows.length));
            }
            outputRows[outputs] = tokens;
            output = outputs++;
        }
        tokens++;
        return output;
    }

    /** Token rows added so far. */
    public int tokens() {
        return tokens;
    }

    /** Output rows added so far. */
    public int outputs() {
        return outputs;
    }

    /** Room for more token rows. */
    public int remainingTokens() {
        return tokenIds.length - tokens;
    }

    /** Room for more output rows. */
    public int remainingOutputs() {
        return outputRows.length - outputs;
    }
}
