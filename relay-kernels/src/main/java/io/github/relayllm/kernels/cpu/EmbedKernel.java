package io.github.relayllm.kernels.cpu;

import io.github.relayllm.kernels.backend.Op;
import io.github.relayllm.kernels.backend.Step;
import io.github.relayllm.kernels.backend.StepInputException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * {@link Op.Embed}: each token's row of the table decoded by a {@link RowDecoder} (vector paths for
 * F32, F16, BF16 and Q8_0); batches of rows in parallel.
 */
final class EmbedKernel implements CpuKernel, ParallelBody {
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;

    private final MemorySegment table;
    private final MemorySegment tokenIds;
    private final MemorySegment out;
    private final RowDecoder decoder;
    private final long tableRows;
    private final long tableRowBytes;
    private final int width;
    private final RowBatches batches;
    private final WorkerPool pool;
    private int rows;

    EmbedKernel(Op.Embed op, CpuResources resources) {
        this.table = resources.segment(op.table());
        this.tokenIds = resources.segment(op.tokenIds());
        this.out = resources.segment(op.out());
        this.width = op.out().width();
        this.decoder = RowDecoder.of(op.table().dtype(), width, resources.scratch());
        this.tableRows = op.table().rows();
        this.tableRowBytes = op.table().dtype().byteSize(width);
        this.batches = RowBatches.forWidth(width);
        this.pool = resources.pool();
    }

    @Override
    public void run(Step step) {
        rows = step.tokens();
        pool.forEach(batches.count(rows), this);
    }

    @Override
    public void run(int batch, int worker) {
        for (int r = batches.first(batch); r < batches.end(batch, rows); r++) {
            int token = StepInputException.requireIndex("Embed", "token id", r, tokenIds.getAtIndex(INT, r), tableRows);
            decoder.decode(table, token * tableRowBytes, out, (long) r * width * Float.BYTES, width, worker);
        }
    }
}
