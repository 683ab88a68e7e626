package io.github.relayllm.kernels.cpu;

/**
 * How a row-wise kernel cuts its rows into items of the pool: batches of whole rows, enough of them
 * per batch to outweigh the cost of claiming an item. Rows are never split, so every element of a row
 * sees the same vector lanes and tails whatever the batch, which keeps rows bit-identical across step
 * sizes.
 *
 * @param rowsPerBatch rows per item, at least 1
 */
record RowBatches(int rowsPerBatch) {
    /** Elements an item should cover: a few microseconds of elementwise work. */
    private static final int ELEMENTS_PER_BATCH = 16 * 1024;

    RowBatches {
        if (rowsPerBatch < 1) {
            throw new IllegalArgumentException("rows per batch must be positive: " + rowsPerBatch);
        }
    }

    /** Batches for rows of {@code width} elements. */
    static RowBatches forWidth(int width) {
        return new RowBatches(Math.max(1, ELEMENTS_PER_BATCH / Math.max(1, width)));
    }

    /** The number of batches that cover {@code rows} rows. */
    int count(int rows) {
        return (rows + rowsPerBatch - 1) / rowsPerBatch;
    }

    /** The first row of batch {@code batch}. */
    int first(int batch) {
        return batch * rowsPerBatch;
    }

    /** The row after the last of batch {@code batch}, for {@code rows} rows in all. */
    int end(int batch, int rows) {
        return Math.min(rows, first(batch) + rowsPerBatch);
    }
}
