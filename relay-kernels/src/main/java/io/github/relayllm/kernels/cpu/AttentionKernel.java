package io.github.relayllm.kernels.cpu;

import io.github.relayllm.kernels.backend.Op;
import io.github.relayllm.kernels.backend.Step;
import io.github.relayllm.kernels.backend.StepInputException;
import io.github.relayllm.kernels.tensor.DType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Op.Attention} over the paged cache. One item of the pool is one group of rows and a slice of
 * the key/value heads: a group is up to {@value #ROW_GROUP} consecutive rows of one sequence (a prefill
 * chunk's rows, or a decoding sequence's single row), and a key/value head serves all the query heads
 * that share it (grouped-query attention). So each cached key and value is read, and widened from F16
 * when the cache is F16, once per group of rows rather than once per row and query head (a 128-row
 * prefill chunk of Qwen3-0.6B's heads: 6.8 to 5.9 ms on one core, best of three runs).
 *
 * <p>Positions {@code 0..pos} are visited in chunks of {@value #CHUNK}, in order (online softmax, as
 * in FlashAttention): for each chunk, the scores {@code scale · q·k} of every query head of the group
 * land in scratch; the running maximum is updated, the running sum and the accumulated output are
 * rescaled by {@code e^(oldMax - newMax)}, and the chunk's weights {@code e^(s - newMax)} are added to
 * the sum and, times the values, to the output. Scratch is thus bounded by the chunk, not the
 * context, and long contexts stream through L1. The chunking depends only on the row's position, and a
 * row of a group goes through exactly the operations it would alone (its own scores, maximum, sum and
 * output, positions in the same order; the group only shares the widened keys and values), so a row's
 * result is the same whatever else runs in the step.
 *
 * <p>Block ids are checked against the cache as they are read.
 */
final class AttentionKernel implements CpuKernel, ParallelBody {
    /** Positions per chunk of the online softmax. */
    static final int CHUNK = 128;

    /** Most rows of one sequence that share each widened key and value. */
    static final int ROW_GROUP = 8;

    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfShort HALF = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private final MemorySegment q;
    private final MemorySegment out;
    private final MemorySegment kCache;
    private final MemorySegment vCache;
    private final boolean kHalf;
    private final boolean vHalf;
    private final MemorySegment blockTables;
    private final MemorySegment rowSequence;
    private final MemorySegment rowPosition;
    private final int headDim;
    private final int kvHeads;
    private final int group;
    private final int qWidth;
    private final int kvWidth;
    private final int blockSize;
    private final float scale;
    private final long sequences;
    private final int blocksPerSequence;
    private final long cacheBlocks;
    private final WorkerPool pool;
    private final WorkerScratch scratch;

    // Scratch segment layout, in bytes, for each row of a group from (row in group) * rowScratch:
    // scores [heads][CHUNK], output [heads][headDim], max [heads], sum [heads]; a slice uses its heads'
    // parts. The scratch array holds one cached row of keys or values, widened to floats.
    private final long outputAt;
    private final long maxAt;
    private final long sumAt;
    private final long rowScratch;

    // The step's row groups: group i is rows groupStarts[i] to groupStarts[i + 1] - 1.
    private final int[] groupStarts;
    private int groups;
    private int slices;
    private int headsPerSlice;

    AttentionKernel(Op.Attention op, CpuResources resources) {
        this.q = resources.segment(op.q());
        this.out = resources.segment(op.out());
        this.kCache = resources.segment(op.kCache());
        this.vCache = resources.segment(op.vCache());
        this.kHalf = op.kCache().dtype() == DType.F16;
        this.vHalf = op.vCache().dtype() == DType.F16;
        this.blockTables = resources.segment(op.blockTables());
        this.rowSequence = resources.segment(op.rowSequence());
        this.rowPosition = resources.segment(op.rowPosition());
        this.headDim = op.headDim();
        this.kvHeads = op.kvHeads();
        this.group = op.heads() / op.kvHeads();
        this.qWidth = op.q().width();
        this.kvWidth = op.kCache().width();
        this.blockSize = op.blockSize();
        this.scale = op.scale();
        this.sequences = op.blockTables().rows();
        this.blocksPerSequence = op.blockTables().width();
        this.cacheBlocks = Math.min(op.kCache().rows(), op.vCache().rows()) / blockSize;
        this.pool = resources.pool();
        this.scratch = resources.scratch();
        int heads = op.heads();
        this.outputAt = (long) heads * CHUNK * Float.BYTES;
        this.maxAt = outputAt + (long) heads * headDim * Float.BYTES;
        this.sumAt = maxAt + (long) heads * Float.BYTES;
        this.rowScratch = Math.ceilDiv(sumAt + (long) heads * Float.BYTES, 64) * 64;
        this.groupStarts = new int[Math.toIntExact(op.q().rows()) + 1];
        scratch.reserveSegment(rowScratch * ROW_GROUP / Float.BYTES);
        scratch.reserveArray(kvWidth);
    }

    @Override
    public void run(Step step) {
        groupRows(step.tokens());
        // Split a group's kv heads only as far as it takes to give every thread work: a slice reads
        // whole stretches of each cached row, and a head's arithmetic is the same in any slice.
        slices = Math.min(kvHeads, Math.ceilDiv(pool.threads(), groups));
        headsPerSlice = Math.ceilDiv(kvHeads, slices);
        pool.forEach(groups * slices, this);
    }

    /** Cuts the step's rows into runs of at most {@link #ROW_GROUP} consecutive rows of one sequence. */
    private void groupRows(int rows) {
        groups = 0;
        for (int row = 0; row < rows; row++) {
            int start = groupStarts[groups];
            if (row > start
                    && (row - start == ROW_GROUP
                            || rowSequence.getAtIndex(INT, row) != rowSequence.getAtIndex(INT, start))) {
                groupStarts[++groups] = row;
            }
        }
        groupStarts[++groups] = rows;
    }

    @Override
    public void run(int item, int worker) {
        int rowGroup = item / slices;
        int firstRow = groupStarts[rowGroup];
        int endRow = groupStarts[rowGroup + 1];
        int firstKvHead = item % slices * headsPerSlice;
        int endKvHead = Math.min(kvHeads, firstKvHead + headsPerSlice);
        int sequence = StepInputException.requireIndex(
                "Attention", "sequence", firstRow, rowSequence.getAtIndex(INT, firstRow), sequences);
        int lastPosition = -1;
        int lastRow = firstRow; // the row that reads furthest, named when a block id is bad
        for (int row = firstRow; row < endRow; row++) {
            int position = position(row);
            if (position > lastPosition) {
                lastPosition = position;
                lastRow = row;
            }
        }
        MemorySegment work = scratch.segment(worker);
        float[] widened = scratch.array(worker);
        int firstHead = firstKvHead * group;
        int endHead = endKvHead * group;
        for (int row = firstRow; row < endRow; row++) {
            long base = (row - firstRow) * rowScratch;
            for (int h = firstHead; h < endHead; h++) {
                work.set(FLOAT, base + maxAt + (long) h * Float.BYTES, Float.NEGATIVE_INFINITY);
                work.set(FLOAT, base + sumAt + (long) h * Float.BYTES, 0f);
            }
            long outputEnd = base + outputAt + (long) endHead * headDim * Float.BYTES;
            for (long at = base + outputAt + (long) firstHead * headDim * Float.BYTES;
                    at < outputEnd;
                    at += Float.BYTES) {
                work.set(FLOAT, at, 0f);
            }
        }
        for (int start = 0; start <= lastPosition; start += CHUNK) {
            int count = Math.min(CHUNK, lastPosition + 1 - start);
            score(work, widened, firstRow, endRow, lastRow, sequence, firstKvHead, endKvHead, start, count);
            for (int row = firstRow; row < endRow; row++) {
                int rowCount = count(row, start);
                for (int h = firstHead; rowCount > 0 && h < endHead; h++) {
                    rescale(work, (row - firstRow) * rowScratch, h, rowCount);
                }
            }
            accumulateValues(work, widened, firstRow, endRow, lastRow, sequence, firstKvHead, endKvHead, start, count);
        }
        for (int row = firstRow; row < endRow; row++) {
            long base = (row - firstRow) * rowScratch;
            long rowOut = (long) row * qWidth * Float.BYTES;
            for (int h = firstHead; h < endHead; h++) {
                float sum = work.get(FLOAT, base + sumAt + (long) h * Float.BYTES);
                long head = (long) h * headDim * Float.BYTES;
                divide(work, base + outputAt + head, sum, rowOut + head);
            }
        }
    }

    private int position(int row) {
        return StepInputException.requireIndex(
                "Attention", "position", row, rowPosition.getAtIndex(INT, row), (long) blocksPerSequence * blockSize);
    }

    /** How many positions of the chunk from {@code start} row {@code row} attends to: 0 past its own. */
    private int count(int row, int start) {
        return Math.clamp(rowPosition.getAtIndex(INT, row) + 1L - start, 0, CHUNK);
    }

    /**
     * Scores of positions {@code start .. start + count} for the query heads of the kv heads given, for
     * each row of the group that attends to the position; each key widened once for them all.
     */
    private void score(
            MemorySegment work,
            float[] widened,
            int firstRow,
            int endRow,
            int lastRow,
            int sequence,
            int firstKvHead,
            int endKvHead,
            int start,
            int count) {
        for (int p = 0; p < count; p++) {
            long slot = slot(lastRow, sequence, start + p);
            widen(kCache, kHalf, slot, firstKvHead, endKvHead, widened);
            for (int row = firstRow; row < endRow; row++) {
                if (p >= count(row, start)) {
                    continue;
                }
                long rowQuery = (long) row * qWidth * Float.BYTES;
                long rowScores = (row - firstRow) * rowScratch;
                for (int g = firstKvHead; g < endKvHead; g++) {
                    int key = (g - firstKvHead) * headDim;
                    for (int h = g * group; h < (g + 1) * group; h++) {
                        float dot = dot(q, rowQuery + (long) h * headDim * Float.BYTES, widened, key);
                        work.set(FLOAT, rowScores + ((long) h * CHUNK + p) * Float.BYTES, dot * scale);
                    }
                }
            }
        }
    }

    /**
     * For query head {@code h} of the row whose scratch starts at {@code base}: the new running
     * maximum, the rescaling of its sum and output, and the chunk's weights {@code e^(s - max)} in place
     * of its scores, added to the sum.
     */
    private void rescale(MemorySegment work, long base, int h, int count) {
        long scores = base + (long) h * CHUNK * Float.BYTES;
        long maxSlot = base + maxAt + (long) h * Float.BYTES;
        long sumSlot = base + sumAt + (long) h * Float.BYTES;
        float oldMax = work.get(FLOAT, maxSlot);
        float newMax = Math.max(oldMax, LaneMath.max(work, scores, count));
        float shrink = LaneMath.exp(oldMax - newMax);
        float sum = work.get(FLOAT, sumSlot) * shrink + LaneMath.exp(work, scores, work, scores, count, 1f, newMax);
        work.set(FLOAT, maxSlot, newMax);
        work.set(FLOAT, sumSlot, sum);
        multiply(work, base + outputAt + (long) h * headDim * Float.BYTES, shrink);
    }

    /**
     * Adds {@code weight[h][p] · v[p]} to each query head's output, for each row of the group that
     * attends to position {@code start + p}; each value widened once for them all.
     */
    private void accumulateValues(
            MemorySegment work,
            float[] widened,
            int firstRow,
            int endRow,
            int lastRow,
            int sequence,
            int firstKvHead,
            int endKvHead,
            int start,
            int count) {
        for (int p = 0; p < count; p++) {
            long slot = slot(lastRow, sequence, start + p);
            widen(vCache, vHalf, slot, firstKvHead, endKvHead, widened);
            for (int row = firstRow; row < endRow; row++) {
                if (p >= count(row, start)) {
                    continue;
                }
                long rowWork = (row - firstRow) * rowScratch;
                for (int g = firstKvHead; g < endKvHead; g++) {
                    int value = (g - firstKvHead) * headDim;
                    for (int h = g * group; h < (g + 1) * group; h++) {
                        float weight = work.get(FLOAT, rowWork + ((long) h * CHUNK + p) * Float.BYTES);
                        long output = rowWork + outputAt + (long) h * headDim * Float.BYTES;
                        addScaled(work, output, widened, value, weight);
                    }
                }
            }
        }
    }

    /** The cache slot of {@code position} of {@code sequence}, through its block table. */
    private long slot(int row, int sequence, int position) {
        int block = blockTables.getAtIndex(INT, (long) sequence * blocksPerSequence + position / blockSize);
        StepInputException.requireIndex("Attention", "block", row, block, cacheBlocks);
        return (long) block * blockSize + position % blockSize;
    }

    /**
     * Kv heads {@code first .. end} of the cached row at {@code slot}, as floats, into {@code widened}
     * from index 0. F16 is widened by a plain loop over {@link Float#float16ToFloat}, which C2 compiles
     * to the CPU's packed conversion: measured three to five times faster for a row of 512 than widening
     * in vector lanes from segment to segment. F32 is copied, so that the arithmetic below reads one
     * kind of source.
     */
    private void widen(MemorySegment cache, boolean half, long slot, int first, int end, float[] widened) {
        long element = slot * kvWidth + (long) first * headDim;
        int count = (end - first) * headDim;
        if (!half) {
            MemorySegment.copy(cache, FLOAT, element * Float.BYTES, widened, 0, count);
            return;
        }
        long at = element * Short.BYTES;
        for (int i = 0; i < count; i++) {
            widened[i] = Float.float16ToFloat(cache.get(HALF, at + (long) i * Short.BYTES));
        }
    }

    private float dot(MemorySegment a, long aAt, float[] b, int bAt) {
        int bound = FLOATS.loopBound(headDim);
        float dot = 0;
        int i = 0;
        if (bound > 0) {
            FloatVector sums = FloatVector.zero(FLOATS);
            for (; i < bound; i += FLOATS.length()) {
                long offset = (long) i * Float.BYTES;
                FloatVector x = FloatVector.fromMemorySegment(FLOATS, a, aAt + offset, ORDER);
                FloatVector y = FloatVector.fromArray(FLOATS, b, bAt + i);
                sums = x.fma(y, sums);
            }
            for (VectorShuffle<Float> fold : LaneMath.FOLDS) {
                sums = sums.add(sums.rearrange(fold));
            }
            dot = sums.lane(0);
        }
        for (; i < headDim; i++) {
            long offset = (long) i * Float.BYTES;
            dot = Math.fma(a.get(FLOAT, aAt + offset), b[bAt + i], dot);
        }
        return dot;
    }

    private void multiply(MemorySegment work, long at, float factor) {
        int bound = FLOATS.loopBound(headDim);
        int i = 0;
        for (; i < bound; i += FLOATS.length()) {
            long offset = at + (long) i * Float.BYTES;
            FloatVector.fromMemorySegment(FLOATS, work, offset, ORDER)
                    .mul(factor)
                    .intoMemorySegment(work, offset, ORDER);
        }
        for (; i < headDim; i++) {
            long offset = at + (long) i * Float.BYTES;
            work.set(FLOAT, offset, work.get(FLOAT, offset) * factor);
        }
    }

    /** {@code work[at..] += weight · values[valueAt..]}, fused. */
    private void addScaled(MemorySegment work, long at, float[] values, int valueAt, float weight) {
        FloatVector weights = FloatVector.broadcast(FLOATS, weight);
        int bound = FLOATS.loopBound(headDim);
        int i = 0;
        for (; i < bound; i += FLOATS.length()) {
            long offset = (long) i * Float.BYTES;
            FloatVector v = FloatVector.fromArray(FLOATS, values, valueAt + i);
            FloatVector acc = FloatVector.fromMemorySegment(FLOATS, work, at + offset, ORDER);
            v.fma(weights, acc).intoMemorySegment(work, at + offset, ORDER);
        }
        for (; i < headDim; i++) {
            long offset = (long) i * Float.BYTES;
            float acc = work.get(FLOAT, at + offset);
            work.set(FLOAT, at + offset, Math.fma(values[valueAt + i], weight, acc));
        }
    }

    private void divide(MemorySegment work, long at, float sum, long outAt) {
        int bound = FLOATS.loopBound(headDim);
        int i = 0;
        for (; i < bound; i += FLOATS.length()) {
            long offset = (long) i * Float.BYTES;
            FloatVector.fromMemorySegment(FLOATS, work, at + offset, ORDER)
                    .div(sum)
                    .intoMemorySegment(out, outAt + offset, ORDER);
        }
        for (; i < headDim; i++) {
            long offset = (long) i * Float.BYTES;
            out.set(FLOAT, outAt + offset, work.get(FLOAT, at + offset) / sum);
        }
    }
}
