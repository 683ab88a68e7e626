package io.github.relayllm.kernels.opencl;

import io.github.relayllm.kernels.backend.Op;
import io.github.relayllm.kernels.backend.Step;
import java.util.List;

/**
 * Attention over the paged cache (attention.cl), one of two ways per step:
 *
 * <ul>
 *   <li>a step of at most {@value #DECODE_ROWS} rows (decode) splits each row's positions into
 *       splits of {@value #SPLIT_LENGTH} (flash-decoding): {@code attention_partial} runs one
 *       work-group per (query head, split, row), each leaving its split's maximum, sum and
 *       unnormalised output in a scratch buffer, and {@code attention_combine} merges them per
 *       (query head, row). A row of one split is written by the first kernel directly. Without the
 *       splits a decode step would run only {@code heads} work-groups per row, too few to fill a GPU
 *       at long contexts;
 *   <li>a larger step (prefill) runs {@code attention_partial} with one split as long as the block
 *       table: one work-group per (query head, row), each over all its positions in one pass.
 * </ul>
 *
 * Work-groups are {@value #LANES} lanes (fewer if the device allows fewer); positions go through in
 * tiles of one position per lane, so local memory is {@code 2 * headDim + 3 * lanes} entries whatever
 * the context. The scratch, {@code min(largest step, 8) rows x heads x splits x (headDim + 2)} floats,
 * is allocated once, at compile time, and shared by the plan's attention launches; a step sets no
 * argument.
 */
final class AttentionLaunch implements ClLaunch {
    /** Positions per split of the decode path. */
    static final int SPLIT_LENGTH = 256;

    /** The most rows a step may have to take the split (decode) path. */
    static final int DECODE_ROWS = 8;

    private static final int LANES = 64;

    private final ClKernel partial;
    private final ClKernel combine;
    private final ClKernel whole;
    private final int heads;
    private final int lanes;
    private final int maxSplits;
    private final int decodeRows;

    AttentionLaunch(Op.Attention op, Step largestStep, ClKernels kernels) {
        if (op.vCache().dtype() != op.kCache().dtype()) {
            throw new IllegalArgumentException(
                    "the k cache is %s and the v cache %s: the opencl backend needs one dtype"
                            .formatted(op.kCache().dtype(), op.vCache().dtype()));
        }
        if (op.vCache().rows() < op.kCache().rows()) {
            // The plan checks block ids against the k cache only.
            throw new IllegalArgumentException("the v cache has %d slots, fewer than the %d of the k cache"
                    .formatted(op.vCache().rows(), op.kCache().rows()));
        }
        this.heads = op.heads();
        int headDim = op.headDim();
        this.lanes = (int)
                Math.min(LANES, Long.highestOneBit(Math.max(1, kernels.device().maxWorkGroupSize())));
        int tableWidth = op.blockTables().width();
        long capacity = (long) tableWidth * op.blockSize();
        this.maxSplits = Math.toIntExact(Math.ceilDiv(capacity, SPLIT_LENGTH));
        this.decodeRows = Math.min(largestStep.tokens(), DECODE_ROWS);
        long scratchFloats = maxSplits > 1 ? (long) decodeRows * heads * maxSplits * (headDim + 2) : 1;
        ClBuffer scratch = kernels.scratch(scratchFloats);

        this.partial = attention(op, kernels, scratch, SPLIT_LENGTH, maxSplits);
        this.whole = attention(op, kernels, scratch, (int) Math.min(capacity, Integer.MAX_VALUE), 1);
        this.combine = kernels.cache(op.kCache().dtype(), "attention_combine")
                .arg(0, OpenClPlan.device(op.rowPosition()))
                .arg(1, scratch)
                .arg(2, OpenClPlan.device(op.out()))
                .arg(3, heads)
                .arg(4, headDim)
                .arg(5, SPLIT_LENGTH)
                .arg(6, maxSplits)
                .local(7, (long) lanes * Float.BYTES);
    }

    private ClKernel attention(Op.Attention op, ClKernels kernels, ClBuffer scratch, int splitLength, int splits) {
        return kernels.cache(op.kCache().dtype(), "attention_partial")
                .arg(0, OpenClPlan.device(op.q()))
                .arg(1, OpenClPlan.device(op.kCache()))
                .arg(2, OpenClPlan.device(op.vCache()))
                .arg(3, OpenClPlan.device(op.blockTables()))
                .arg(4, OpenClPlan.device(op.rowSequence()))
                .arg(5, OpenClPlan.device(op.rowPosition()))
                .arg(6, OpenClPlan.device(op.out()))
                .arg(7, scratch)
                .arg(8, heads)
                .arg(9, op.kvHeads())
                .arg(10, op.headDim())
                .arg(11, op.blockSize())
                .arg(12, op.blockTables().width())
                .arg(13, splitLength)
                .arg(14, splits)
                .arg(15, op.scale())
                .local(16, (long) op.headDim() * Float.BYTES)
                .local(17, (long) op.headDim() * Float.BYTES)
                .local(18, (long) lanes * Float.BYTES)
                .local(19, (long) lanes * Integer.BYTES)
                .local(20, (long) lanes * Float.BYTES);
    }

    @Override
    public void enqueue(Step step) {
        int rows = step.tokens();
        long width = (long) heads * lanes;
        if (rows <= decodeRows) {
            partial.enqueue(width, maxSplits, rows, lanes, 1, 1);
            if (maxSplits > 1) {
                combine.enqueue(width, rows, lanes, 1);
            }
        } else {
            whole.enqueue(width, 1, rows, lanes, 1, 1);
        }
    }

    @Override
    public List<ClKernel> kernels() {
        return List.of(partial, combine, whole);
    }
}
