package io.github.relayllm.kernels.cpu;

import io.github.relayllm.kernels.backend.Op;
import io.github.relayllm.kernels.backend.RowCount;
import io.github.relayllm.kernels.backend.Step;

/**
 * A kernel whose rows are independent: the step's rows (as many as the op's {@link RowCount} says)
 * cut into {@link RowBatches}, one batch per item of the pool, and each row computed whole by {@link
 * #runRow}. Rows are never split, which keeps every row bit-identical whatever the step's size.
 */
abstract sealed class RowwiseKernel implements CpuKernel, ParallelBody
        permits AddKernel, EmbedKernel, RmsNormKernel, RopeKernel, SoftmaxKernel, StoreKvKernel, SwiGluKernel {
    private final RowCount rowCount;
    private final RowBatches batches;
    private final WorkerPool pool;
    private int rows;

    /** @param rowElements the elements one row touches, which sizes the batches */
    RowwiseKernel(Op op, int rowElements, WorkerPool pool) {
        this.rowCount = op.rows();
        this.batches = RowBatches.forWidth(rowElements);
        this.pool = pool;
    }

    @Override
    public void run(Step step) {
        rows = rowCount.of(step);
        pool.forEach(batches.count(rows), this);
    }

    @Override
    public final void run(int batch, int worker) {
        int end = batches.end(batch, rows);
        for (int row = batches.first(batch); row < end; row++) {
            runRow(row, worker);
        }
    }

    /** Computes row {@code row} of the step on worker {@code worker} (an index into per-worker scratch). */
    abstract void runRow(int row, int worker);
}
