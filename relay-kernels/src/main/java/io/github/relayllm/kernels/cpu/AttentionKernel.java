package io.github.relayllm.kernels.cpu;

import io.github.relayllm.kernels.backend.Op;
import io.github.relayllm.kernels.backend.Step;
import io.github.relayllm.kernels.backend.StepInputException;
import io.github.relayllm.kernels.tensor.DType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;
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

    /**
     * Cached positions widened and worked on together: four independent dot products (or four updates
     * of an output held in registers) in one loop, so that one position's chain of dependent additions
     * overlaps the others' instead of setting the pace.
     */
    private static final int POSITIONS = 4;

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

    // The worker's scratch array, in floats: POSITIONS widened cached rows from 0, one each
    // widenedStride (kvWidth rounded up), then for each row
    // of a group from rowsAt + (row in group) * rowScratch: its query [heads][headDim] (copied from q,
    // so that the dot products read two arrays), scores [heads][CHUNK], output [heads][headDim], max
    // [heads], sum [heads]; a slice uses its heads' parts.
    private final int rowsAt;
    private final int widenedStride;
    private final int scoresAt;
    private final int outputAt;
    private final int maxAt;
    private final int sumAt;
    private final int rowScratch;

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
        this.rowsAt = POSITIONS * Math.ceilDiv(kvWidth, 16) * 16;
        this.widenedStride = rowsAt / POSITIONS;
        this.scoresAt = heads * headDim;
        this.outputAt = scoresAt + heads * CHUNK;
        this.maxAt = outputAt + heads * headDim;
        this.sumAt = maxAt + heads;
        this.rowScratch = Math.ceilDiv(sumAt + heads, 16) * 16;
        this.groupStarts = new int[Math.toIntExact(op.q().rows()) + 1];
        scratch.reserveArray(rowsAt + rowScratch * ROW_GROUP);
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
        float[] work = scratch.array(worker);
        MemorySegment workView = scratch.arrayView(worker);
        int firstHead = firstKvHead * group;
        int endHead = endKvHead * group;
        int sliceWidth = (endHead - firstHead) * headDim;
        for (int row = firstRow; row < endRow; row++) {
            int base = rowBase(row - firstRow);
            MemorySegment.copy(
                    q,
                    FLOAT,
                    ((long) row * qWidth + (long) firstHead * headDim) * Float.BYTES,
                    work,
                    base + firstHead * headDim,
                    sliceWidth);
            Arrays.fill(work, base + maxAt + firstHead, base + maxAt + endHead, Float.NEGATIVE_INFINITY);
            Arrays.fill(work, base + sumAt + firstHead, base + sumAt + endHead, 0f);
            int output = base + outputAt + firstHead * headDim;
            Arrays.fill(work, output, output + sliceWidth, 0f);
        }
        for (int start = 0; start <= lastPosition; start += CHUNK) {
            int count = Math.min(CHUNK, lastPosition + 1 - start);
            score(work, firstRow, endRow, lastRow, sequence, firstKvHead, endKvHead, start, count);
            for (int row = firstRow; row < endRow; row++) {
                int rowCount = count(row, start);
                for (int h = firstHead; rowCount > 0 && h < endHead; h++) {
                    rescale(work, workView, rowBase(row - firstRow), h, rowCount);
                }
            }
            accumulateValues(work, firstRow, endRow, lastRow, sequence, firstKvHead, endKvHead, start, count);
        }
        for (int row = firstRow; row < endRow; row++) {
            int base = rowBase(row - firstRow);
            long rowOut = (long) row * qWidth * Float.BYTES;
            for (int h = firstHead; h < endHead; h++) {
                divide(
                        work,
                        base + outputAt + h * headDim,
                        work[base + sumAt + h],
                        rowOut + (long) h * headDim * Float.BYTES);
            }
        }
    }

    /** Where the scratch of the group's row {@code rowInGroup} starts in the worker's array. */
    private int rowBase(int rowInGroup) {
        return rowsAt + rowInGroup * rowScratch;
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
     * each row of the group that attends to the position; each key widened once for them all, {@link
     * #POSITIONS} keys at a time.
     */
    private void score(
            float[] work,
            int firstRow,
            int endRow,
            int lastRow,
            int sequence,
            int firstKvHead,
            int endKvHead,
            int start,
            int count) {
        for (int p = 0; p < count; p += POSITIONS) {
            int widened = widenPositions(
                    kCache, kHalf, lastRow, sequence, firstKvHead, endKvHead, start + p, count - p, work);
            for (int row = firstRow; row < endRow; row++) {
                int attended = Math.min(widened, count(row, start) - p);
                if (attended <= 0) {
                    continue;
                }
                int base = rowBase(row - firstRow);
                for (int g = firstKvHead; g < endKvHead; g++) {
                    int key = (g - firstKvHead) * headDim;
                    for (int h = g * group; h < (g + 1) * group; h++) {
                        int scores = base + scoresAt + h * CHUNK + p;
                        if (attended == POSITIONS) {
                            scoreFour(work, base + h * headDim, key, scores);
                        } else {
                            for (int i = 0; i < attended; i++) {
                                work[scores + i] = dot(work, base + h * headDim, i * widenedStride + key) * scale;
                            }
                        }
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
    private void rescale(float[] work, MemorySegment workView, int base, int h, int count) {
        long scores = (long) (base + scoresAt + h * CHUNK) * Float.BYTES;
        float oldMax = work[base + maxAt + h];
        float newMax = Math.max(oldMax, LaneMath.max(workView, scores, count));
        float shrink = LaneMath.exp(oldMax - newMax);
        float sum =
                work[base + sumAt + h] * shrink + LaneMath.exp(workView, scores, workView, scores, count, 1f, newMax);
        work[base + maxAt + h] = newMax;
        work[base + sumAt + h] = sum;
        multiply(work, base + outputAt + h * headDim, shrink);
    }

    /**
     * Adds {@code weight[h][p] · v[p]} to each query head's output, for each row of the group that
     * attends to position {@code start + p}, positions in order; each value widened once for them all,
     * {@link #POSITIONS} values at a time.
     */
    private void accumulateValues(
            float[] work,
            int firstRow,
            int endRow,
            int lastRow,
            int sequence,
            int firstKvHead,
            int endKvHead,
            int start,
            int count) {
        for (int p = 0; p < count; p += POSITIONS) {
            int widened = widenPositions(
                    vCache, vHalf, lastRow, sequence, firstKvHead, endKvHead, start + p, count - p, work);
            for (int row = firstRow; row < endRow; row++) {
                int attended = Math.min(widened, count(row, start) - p);
                if (attended <= 0) {
                    continue;
                }
                int base = rowBase(row - firstRow);
                for (int g = firstKvHead; g < endKvHead; g++) {
                    int value = (g - firstKvHead) * headDim;
                    for (int h = g * group; h < (g + 1) * group; h++) {
                        int weights = base + scoresAt + h * CHUNK + p;
                        int output = base + outputAt + h * headDim;
                        if (attended == POSITIONS) {
                            addScaledFour(work, output, value, weights);
                        } else {
                            for (int i = 0; i < attended; i++) {
                                addScaled(work, output, i * widenedStride + value, work[weights + i]);
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * Widens up to {@link #POSITIONS} cached rows, positions {@code position ..} but no more than {@code
     * remaining}, one each {@link #widenedStride} from the start of {@code work}; returns how many.
     */
    private int widenPositions(
            MemorySegment cache,
            boolean half,
            int lastRow,
            int sequence,
            int firstKvHead,
            int endKvHead,
            int position,
            int remaining,
            float[] work) {
        int positions = Math.min(POSITIONS, remaining);
        for (int i = 0; i < positions; i++) {
            long slot = slot(lastRow, sequence, position + i);
            widen(cache, half, slot, firstKvHead, endKvHead, work, i * widenedStride);
        }
        return positions;
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
    private void widen(MemorySegment cache, boolean half, long slot, int first, int end, float[] widened, int to) {
        long element = slot * kvWidth + (long) first * headDim;
        int count = (end - first) * headDim;
        if (!half) {
            MemorySegment.copy(cache, FLOAT, element * Float.BYTES, widened, to, count);
            return;
        }
        long at = element * Short.BYTES;
        for (int i = 0; i < count; i++) {
            widened[to + i] = Float.float16ToFloat(cache.get(HALF, at + (long) i * Short.BYTES));
        }
    }

    /** The dot product of the query at {@code queryAt} and the widened key at {@code keyAt}. */
    private float dot(float[] work, int queryAt, int keyAt) {
        int bound = FLOATS.loopBound(headDim);
        float dot = 0;
        int i = 0;
        if (bound > 0) {
            FloatVector sums = FloatVector.zero(FLOATS);
            for (; i < bound; i += FLOATS.length()) {
                FloatVector x = FloatVector.fromArray(FLOATS, work, queryAt + i);
                FloatVector y = FloatVector.fromArray(FLOATS, work, keyAt + i);
                sums = x.fma(y, sums);
            }
            for (VectorShuffle<Float> fold : LaneMath.FOLDS) {
                sums = sums.add(sums.rearrange(fold));
            }
            dot = sums.lane(0);
        }
        for (; i < headDim; i++) {
            dot = Math.fma(work[queryAt + i], work[keyAt + i], dot);
        }
        return dot;
    }

    /**
     * The scores of four consecutive widened keys (from {@code keyAt}, one each {@link #widenedStride})
     * against the query at {@code queryAt}, into {@code work[scoresAt ..]}: each exactly as {@link #dot}
     * computes it, the four interleaved.
     */
    private void scoreFour(float[] work, int queryAt, int keyAt, int scoresAt) {
        int k1 = keyAt + widenedStride;
        int k2 = k1 + widenedStride;
        int k3 = k2 + widenedStride;
        int bound = FLOATS.loopBound(headDim);
        float d0 = 0;
        float d1 = 0;
        float d2 = 0;
        float d3 = 0;
        int i = 0;
        if (bound > 0) {
            FloatVector s0 = FloatVector.zero(FLOATS);
            FloatVector s1 = s0;
            FloatVector s2 = s0;
            FloatVector s3 = s0;
            for (; i < bound; i += FLOATS.length()) {
                FloatVector x = FloatVector.fromArray(FLOATS, work, queryAt + i);
                s0 = x.fma(FloatVector.fromArray(FLOATS, work, keyAt + i), s0);
                s1 = x.fma(FloatVector.fromArray(FLOATS, work, k1 + i), s1);
                s2 = x.fma(FloatVector.fromArray(FLOATS, work, k2 + i), s2);
                s3 = x.fma(FloatVector.fromArray(FLOATS, work, k3 + i), s3);
            }
            for (VectorShuffle<Float> fold : LaneMath.FOLDS) {
                s0 = s0.add(s0.rearrange(fold));
                s1 = s1.add(s1.rearrange(fold));
                s2 = s2.add(s2.rearrange(fold));
                s3 = s3.add(s3.rearrange(fold));
            }
            d0 = s0.lane(0);
            d1 = s1.lane(0);
            d2 = s2.lane(0);
            d3 = s3.lane(0);
        }
        for (; i < headDim; i++) {
            float x = work[queryAt + i];
            d0 = Math.fma(x, work[keyAt + i], d0);
            d1 = Math.fma(x, work[k1 + i], d1);
            d2 = Math.fma(x, work[k2 + i], d2);
            d3 = Math.fma(x, work[k3 + i], d3);
        }
        work[scoresAt] = d0 * scale;
        work[scoresAt + 1] = d1 * scale;
        work[scoresAt + 2] = d2 * scale;
        work[scoresAt + 3] = d3 * scale;
    }

    /**
     * {@code work[at..] += w[0] · v[0] + ... + w[3] · v[3]} for four consecutive widened values (from
     * {@code valueAt}, one each {@link #widenedStride}) and their weights at {@code work[weightsAt ..]}:
     * the four fused additions of {@link #addScaled} in the same order, the output held in a register
     * between them.
     */
    private void addScaledFour(float[] work, int at, int valueAt, int weightsAt) {
        float w0 = work[weightsAt];
        float w1 = work[weightsAt + 1];
        float w2 = work[weightsAt + 2];
        float w3 = work[weightsAt + 3];
        int v1 = valueAt + widenedStride;
        int v2 = v1 + widenedStride;
        int v3 = v2 + widenedStride;
        FloatVector b0 = FloatVector.broadcast(FLOATS, w0);
        FloatVector b1 = FloatVector.broadcast(FLOATS, w1);
        FloatVector b2 = FloatVector.broadcast(FLOATS, w2);
        FloatVector b3 = FloatVector.broadcast(FLOATS, w3);
        int bound = FLOATS.loopBound(headDim);
        int i = 0;
        for (; i < bound; i += FLOATS.length()) {
            FloatVector acc = FloatVector.fromArray(FLOATS, work, at + i);
            acc = FloatVector.fromArray(FLOATS, work, valueAt + i).fma(b0, acc);
            acc = FloatVector.fromArray(FLOATS, work, v1 + i).fma(b1, acc);
            acc = FloatVector.fromArray(FLOATS, work, v2 + i).fma(b2, acc);
            acc = FloatVector.fromArray(FLOATS, work, v3 + i).fma(b3, acc);
            acc.intoArray(work, at + i);
        }
        for (; i < headDim; i++) {
            float acc = Math.fma(work[valueAt + i], w0, work[at + i]);
            acc = Math.fma(work[v1 + i], w1, acc);
            acc = Math.fma(work[v2 + i], w2, acc);
            work[at + i] = Math.fma(work[v3 + i], w3, acc);
        }
    }

    private void multiply(float[] work, int at, float factor) {
        int bound = FLOATS.loopBound(headDim);
        int i = 0;
        for (; i < bound; i += FLOATS.length()) {
            FloatVector.fromArray(FLOATS, work, at + i).mul(factor).intoArray(work, at + i);
        }
        for (; i < headDim; i++) {
            work[at + i] *= factor;
        }
    }

    /** {@code work[at..] += weight · work[valueAt..]}, fused. */
    private void addScaled(float[] work, int at, int valueAt, float weight) {
        FloatVector weights = FloatVector.broadcast(FLOATS, weight);
        int bound = FLOATS.loopBound(headDim);
        int i = 0;
        for (; i < bound; i += FLOATS.length()) {
            FloatVector v = FloatVector.fromArray(FLOATS, work, valueAt + i);
            FloatVector acc = FloatVector.fromArray(FLOATS, work, at + i);
            v.fma(weights, acc).intoArray(work, at + i);
        }
        for (; i < headDim; i++) {
            work[at + i] = Math.fma(work[valueAt + i], weight, work[at + i]);
        }
    }

    private void divide(float[] work, int at, float sum, long outAt) {
        int bound = FLOATS.loopBound(headDim);
        int i = 0;
        for (; i < bound; i += FLOATS.length()) {
            long offset = (long) i * Float.BYTES;
            FloatVector.fromArray(FLOATS, work, at + i).div(sum).intoMemorySegment(out, outAt + offset, ORDER);
        }
        for (; i < headDim; i++) {
            out.set(FLOAT, outAt + (long) i * Float.BYTES, work[at + i] / sum);
        }
    }
}
