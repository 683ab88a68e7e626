package io.github.relayllm.kernels.cpu;

import java.lang.foreign.MemorySegment;

/**
 * What one item of {@link AttentionKernel} works on: a group of consecutive rows of one sequence, a
 * range of its key/value heads, and the worker's scratch array (with a segment view of it for {@link
 * LaneMath}). One per worker, filled at the start of each item and read by the kernel's helpers, so
 * that they take it and a range of positions instead of eight arguments, and the kernel allocates
 * nothing per item. Mutable, confined to its worker's thread for the item.
 */
final class AttentionSpan {
    /** The group's first row of the step. */
    int firstRow;

    /** One past the group's last row. */
    int endRow;

    /** The group's row that attends furthest: the one an error about a bad block id names. */
    int lastRow;

    /** The sequence the rows belong to (an index into the block tables). */
    int sequence;

    /** The first key/value head of the span. */
    int firstKvHead;

    /** One past the span's last key/value head. */
    int endKvHead;

    /** The worker's scratch array. */
    float[] work;

    /** {@link #work} seen as a heap segment. */
    MemorySegment workView;

    /** Fills the span for one item; returns it. */
    AttentionSpan set(
            int firstRow,
            int endRow,
            int lastRow,
            int sequence,
            int firstKvHead,
            int endKvHead,
            float[] work,
            MemorySegment workView) {
        this.firstRow = firstRow;
        this.endRow = endRow;
        this.lastRow = lastRow;
        this.sequence = sequence;
        this.firstKvHead = firstKvHead;
        this.endKvHead = endKvHead;
        this.work = work;
        this.workView = workView;
        return this;
    }
}
