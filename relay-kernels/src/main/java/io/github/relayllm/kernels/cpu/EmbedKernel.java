package io.github.relayllm.kernels.cpu;

import io.github.relayllm.kernels.backend.Op;
import io.github.relayllm.kernels.backend.StepInputException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * {@link Op.Embed}: each token's row of the table decoded by a {@link RowDecoder} (vector paths for
 * F32, F16, BF16 and Q8_0); batches of rows in parallel.
 */
final class EmbedKernel extends RowwiseKernel {
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;

    private final MemorySegment table;
    private final MemorySegment tokenIds;
    private final MemorySegment out;
    private final RowDecoder decoder;
    private final long tableRows;
    private final long tableRowBytes;
    private final int width;

    EmbedKernel(Op.Embed op, CpuResources resources) {
        super(op, op.out().width(), resources.pool());
        this.table = resources.segment(op.table());
        this.tokenIds = resources.segment(op.tokenIds());
        this.out = resources.segment(op.out());
        this.width = op.out().width();
        this.decoder = RowDecoder.of(op.table().dtype(), width, resources.scratch());
        this.tableRows = op.table().rows();
        this.tableRowBytes = op.table().dtype().byteSize(width);
    }

    @Override
    void runRow(int r, int worker) {
        int token = StepInputException.requireIndex("Embed", "token id", r, tokenIds.getAtIndex(INT, r), tableRows);
        decoder.decode(table, token * tableRowBytes, out, (long) r * width * Float.BYTES, width, worker);
    }
}
