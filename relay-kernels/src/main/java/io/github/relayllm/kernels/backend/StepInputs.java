package io.github.relayllm.kernels.backend;

/**
 * Checks an op's per-step int inputs before a device runs it, from a host copy of their values: a
 * device kernel then trusts every index it reads, and a bad one becomes a {@link StepInputException}
 * before any memory is touched. Host backends check inside their kernels instead.
 *
 * <p>Cost: one pass over the step's indices; attention walks each row's block table up to its
 * position (positions / block size entries per row).
 */
public final class StepInputs {
    /** The current entries of an I32 buffer, as the host sees them. */
    @FunctionalInterface
    public interface IntValues {
        int[] of(Buffer buffer);
    }

    private StepInputs() {}

    /**
     * Checks the indices {@code op} reads for {@code step}.
     *
     * @throws StepInputException naming the op, the input, the row and the allowed range
     */
    public static void check(Op op, Step step, IntValues values) {
        int rows = op.rows().of(step);
        switch (op) {
            case Op.Embed embed -> {
                int[] ids = values.of(embed.tokenIds());
                for (int r = 0; r < rows; r++) {
                    StepInputException.requireIndex(
                            "Embed", "token id", r, ids[r], embed.table().rows());
                }
            }
            case Op.StoreKv store -> {
                int[] slots = values.of(store.slots());
                for (int r = 0; r < rows; r++) {
                    StepInputException.requireIndex(
                            "StoreKv", "slot", r, slots[r], store.kCache().rows());
                }
            }
            case Op.Gather gather -> {
                int[] indices = values.of(gather.rowIndices());
                for (int r = 0; r < rows; r++) {
                    StepInputException.requireIndex("Gather", "row index", r, indices[r], step.tokens());
                }
            }
            case Op.Attention attention -> checkAttention(attention, rows, values);
            default -> {}
        }
    }

    private static void checkAttention(Op.Attention op, int rows, IntValues values) {
        int[] sequences = values.of(op.rowSequence());
        int[] positions = values.of(op.rowPosition());
        int[] tables = values.of(op.blockTables());
        int blockSize = op.blockSize();
        int tableWidth = op.blockTables().width();
        long blocks = op.kCache().rows() / blockSize;
        for (int r = 0; r < rows; r++) {
            int sequence = StepInputException.requireIndex(
                    "Attention", "sequence", r, sequences[r], op.blockTables().rows());
            int position = StepInputException.requireIndex(
                    "Attention", "position", r, positions[r], (long) tableWidth * blockSize);
            for (int b = 0; b <= position / blockSize; b++) {
                StepInputException.requireIndex("Attention", "block", r, tables[sequence * tableWidth + b], blocks);
            }
        }
    }
}
