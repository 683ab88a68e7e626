package io.github.relayllm.kernels.cpu;

import io.github.relayllm.kernels.backend.Op;
import io.github.relayllm.kernels.backend.Step;
import io.github.relayllm.kernels.backend.StepInputException;
import io.github.relayllm.kernels.tensor.DType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * {@link Op.Attention} over the paged cache. One item of the pool is one group of rows and a slice of
 * the key/value heads: a group is up to {@value #ROW_GROUP} consecutive rows of one sequence (a prefill
 * chunk's rows, or a decoding sequence's single row), and a key/value head serves all the query heads
 * that share it (grouped-query attention). So each cached key and value is read, and widened from F16
 * when the cache is F16, once per group of rows rather than once per row and query head (a 128-row
 * prefill chunk of Qwen3-0.6B's heads: 6.8 to 5.9 ms on one core, best of three runs).
 *
 * <p>Positions {@code 0..pos} are taken in chunks of {@value #CHUNK} (FlashAttention's online
 * softmax, in split-K form): each chunk alone gives, per query head, its maximum score {@code m}, the
 * sum of its weights {@code e^(s - m)} and its output {@code sum of e^(s - m) v}; the chunks are then
 * folded in order of position, the running result and the chunk's both rescaled to the larger maximum
 * and added. Scratch is thus bounded by the chunk, not the context, and long contexts stream through
 * L1. The chunking depends only on the row's position, a row of a group goes through exactly the
 * operations it would alone (its own scores, maxima, sums and outputs, positions in the same order;
 * the group only shares the widened keys and values), and a chunk's result does not depend on which
 * thread computed it nor on when it is folded: so a row's result is the same whatever else runs in
 * the step and however it is spread over threads.
 *
 * <p>Two ways to spread a step over the pool, chosen per step: an item is a group and a slice of its
 * kv heads, all chunks in turn, folding each as it is done; or, when the step has fewer single-row
 * groups (decoding sequences) than threads, an item is one chunk of one row with every head, its
 * result kept in the scratch's shared array, and one more item per row folds them (see {@code
 * splitsChunks}).
 *
 * <p>Block ids are checked against the cache as they are read.
 */
final class AttentionKernel implements CpuKernel, ParallelBody {
    /** Positions per chunk: the unit of the online softmax and of the split over threads. */
    static final int CHUNK = 128;

    /** Most rows of one sequence that share each widened key and value. */
    static final int ROW_GROUP = 8;

    /** Most decoding rows whose chunks a step may spread over the threads. */
    private static final int MAX_SPLIT_ROWS = 4;

    /**
     * Cached positions widened and worked on together: four independent dot products (or four updates
     * of an output held in registers) in one loop, so that one position's chain of dependent additions
     * overlaps the others' instead of setting the pace.
     */
    private static final int POSITIONS = 4;

    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfShort HALF = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

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
    private final AttentionArithmetic arithmetic;

    // The worker's scratch array, in floats: POSITIONS widened cached rows from 0, one each
    // widenedStride (kvWidth rounded up), then for each row of a group from rowsAt + (row in group) *
    // rowScratch: its query [heads][headDim] (copied from q, so that the dot products read two
    // arrays), the chunk's scores [heads][CHUNK], the chunk's output [heads][headDim], the running
    // output [heads][headDim], the chunk's maximum and sum [heads] each, the running maximum and sum
    // [heads] each; a slice uses its heads' parts.
    private final int rowsAt;
    private final int widenedStride;
    private final int scoresAt;
    private final int chunkOutputAt;
    private final int outputAt;
    private final int chunkMaxAt;
    private final int chunkSumAt;
    private final int maxAt;
    private final int sumAt;
    private final int rowScratch;

    // The step's row groups: group i is rows groupStarts[i] to groupStarts[i + 1] - 1.
    private final int[] groupStarts;
    private int groups;
    private int slices;
    private int headsPerSlice;

    // Split over chunks (a step of fewer single-row groups than threads): each item is one chunk of one
    // group's row, all its heads, and leaves [output headDim, maximum, sum] per head at
    // ((group * heads + h) * maxChunks + chunk) * partialStride of the scratch's shared array; then one
    // item per group folds them.
    private final int heads;
    private final int maxChunks;
    private final int partialStride;
    private final int[] firstItems; // group g's chunks are items firstItems[g] .. firstItems[g + 1] - 1
    private final ParallelBody chunkBody = this::runChunk;
    private final ParallelBody foldBody = this::foldChunks;
    private final AttentionSpan[] spans;

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
        this.heads = op.heads();
        this.rowsAt = POSITIONS * Math.ceilDiv(kvWidth, 16) * 16;
        this.widenedStride = rowsAt / POSITIONS;
        this.arithmetic = new AttentionArithmetic(headDim, widenedStride, scale);
        this.scoresAt = heads * headDim;
        this.chunkOutputAt = scoresAt + heads * CHUNK;
        this.outputAt = chunkOutputAt + heads * headDim;
        this.chunkMaxAt = outputAt + heads * headDim;
        this.chunkSumAt = chunkMaxAt + heads;
        this.maxAt = chunkSumAt + heads;
        this.sumAt = maxAt + heads;
        this.rowScratch = Math.ceilDiv(sumAt + heads, 16) * 16;
        this.groupStarts = new int[Math.toIntExact(op.q().rows()) + 1];
        scratch.reserveArray(rowsAt + rowScratch * ROW_GROUP);
        this.maxChunks = Math.ceilDiv(blocksPerSequence * blockSize, CHUNK);
        this.partialStride = Math.ceilDiv(headDim + 2, 16) * 16;
        // Up to four rows at once: decode with a few sequences on many threads is where splitting
        // chunks pays; more would only grow the array (heads * chunks of the context * headDim each).
        int splitGroups = Math.min(pool.threads() - 1, MAX_SPLIT_ROWS);
        scratch.reserveShared(Math.toIntExact((long) splitGroups * heads * maxChunks * partialStride));
        this.firstItems = new int[splitGroups + 1];
        this.spans = new AttentionSpan[pool.threads()];
        Arrays.setAll(spans, worker -> new AttentionSpan());
    }

    @Override
    public void run(Step step) {
        groupRows(step.tokens());
        if (splitsChunks()) {
            pool.forEach(firstItems[groups], chunkBody);
            pool.forEach(groups, foldBody);
            return;
        }
        // Split a group's kv heads only as far as it takes to give every thread work: a slice reads
        // whole stretches of each cached row, and a head's arithmetic is the same in any slice.
        slices = Math.min(kvHeads, Math.ceilDiv(pool.threads(), groups));
        headsPerSlice = Math.ceilDiv(kvHeads, slices);
        pool.forEach(groups * slices, this);
    }

    /**
     * Whether the step's threads take chunks of positions rather than kv heads: when it holds fewer
     * groups than threads (and at most {@value #MAX_SPLIT_ROWS}), each a single row (decode), and more
     * chunks than groups. A thread then reads
     * whole cached rows, contiguous within a block, instead of every row's share of its heads (decode
     * at depth 512: attention 11.5 ms a step for one sequence split by heads, 7.4 per sequence when two
     * threads took one sequence each). Counts each group's chunks into {@link #firstItems}.
     */
    private boolean splitsChunks() {
        if (groups >= pool.threads() || groups > MAX_SPLIT_ROWS) {
            return false;
        }
        firstItems[0] = 0;
        for (int g = 0; g < groups; g++) {
            int row = groupStarts[g];
            if (groupStarts[g + 1] - row != 1) {
                return false;
            }
            firstItems[g + 1] = firstItems[g] + position(row) / CHUNK + 1;
        }
        return firstItems[groups] > groups;
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
        AttentionSpan span = spans[worker].set(
                firstRow, endRow, lastRow, sequence, firstKvHead, endKvHead, work, scratch.arrayView(worker));
        int firstHead = firstKvHead * group;
        int endHead = endKvHead * group;
        for (int row = firstRow; row < endRow; row++) {
            loadQuery(work, row, rowBase(row - firstRow), firstHead, endHead);
            clearRunning(work, rowBase(row - firstRow), firstHead, endHead);
        }
        for (int start = 0; start <= lastPosition; start += CHUNK) {
            int count = Math.min(CHUNK, lastPosition + 1 - start);
            chunk(span, start, count);
            for (int row = firstRow; row < endRow; row++) {
                int base = rowBase(row - firstRow);
                int rowCount = count(row, start);
                for (int h = firstHead; rowCount > 0 && h < endHead; h++) {
                    fold(
                            work,
                            base,
                            h,
                            work,
                            base + chunkOutputAt + h * headDim,
                            work[base + chunkMaxAt + h],
                            work[base + chunkSumAt + h]);
                }
            }
        }
        for (int row = firstRow; row < endRow; row++) {
            finish(work, row, rowBase(row - firstRow), firstHead, endHead);
        }
    }

    /**
     * Split over chunks: chunk {@code item - firstItems[g]} of group {@code g}'s single row, every head,
     * its partial result copied to the scratch's shared array.
     */
    private void runChunk(int item, int worker) {
        int g = 0;
        while (firstItems[g + 1] <= item) {
            g++;
        }
        int row = groupStarts[g];
        int chunk = item - firstItems[g];
        float[] partials = scratch.shared();
        int sequence = StepInputException.requireIndex(
                "Attention", "sequence", row, rowSequence.getAtIndex(INT, row), sequences);
        int start = chunk * CHUNK;
        int count = Math.min(CHUNK, position(row) + 1 - start);
        float[] work = scratch.array(worker);
        int base = rowBase(0);
        loadQuery(work, row, base, 0, heads);
        chunk(
                spans[worker].set(row, row + 1, row, sequence, 0, kvHeads, work, scratch.arrayView(worker)),
                start,
                count);
        for (int h = 0; h < heads; h++) {
            int at = ((g * heads + h) * maxChunks + chunk) * partialStride;
            System.arraycopy(work, base + chunkOutputAt + h * headDim, partials, at, headDim);
            partials[at + headDim] = work[base + chunkMaxAt + h];
            partials[at + headDim + 1] = work[base + chunkSumAt + h];
        }
    }

    /** Split over chunks: group {@code g}'s chunk results folded in order, as one item would have. */
    private void foldChunks(int g, int worker) {
        int row = groupStarts[g];
        float[] work = scratch.array(worker);
        int base = rowBase(0);
        clearRunning(work, base, 0, heads);
        int chunks = firstItems[g + 1] - firstItems[g];
        float[] partials = scratch.shared();
        for (int h = 0; h < heads; h++) {
            for (int chunk = 0; chunk < chunks; chunk++) {
                int at = ((g * heads + h) * maxChunks + chunk) * partialStride;
                fold(work, base, h, partials, at, partials[at + headDim], partials[at + headDim + 1]);
            }
        }
        finish(work, row, base, 0, heads);
    }

    /** Copies the row's query heads into its scratch. */
    private void loadQuery(float[] work, int row, int base, int firstHead, int endHead) {
        MemorySegment.copy(
                q,
                FLOAT,
                ((long) row * qWidth + (long) firstHead * headDim) * Float.BYTES,
                work,
                base + firstHead * headDim,
                (endHead - firstHead) * headDim);
    }

    /**
     * Marks the heads' running results empty: a maximum of minus infinity, which {@link #fold} reads as
     * "take the first chunk as it is", writing the sum and output; every row attends to position 0, so
     * every head is folded at least once before {@link #finish} reads them.
     */
    private void clearRunning(float[] work, int base, int firstHead, int endHead) {
        Arrays.fill(work, base + maxAt + firstHead, base + maxAt + endHead, Float.NEGATIVE_INFINITY);
    }

    /** Writes the row's heads' outputs: the running outputs divided by the running sums. */
    private void finish(float[] work, int row, int base, int firstHead, int endHead) {
        long rowOut = (long) row * qWidth * Float.BYTES;
        for (int h = firstHead; h < endHead; h++) {
            arithmetic.divide(
                    work,
                    base + outputAt + h * headDim,
                    work[base + sumAt + h],
                    out,
                    rowOut + (long) h * headDim * Float.BYTES);
        }
    }

    /**
     * One chunk alone, positions {@code start .. start + count} for the span's rows and kv heads: for
     * each query head of each row that attends to any of them, the chunk's maximum score {@code m},
     * its weights {@code e^(s - m)} in place of the scores, their sum, and its output {@code sum of
     * e^(s - m) v}. A row attending to none of them gets nothing written.
     */
    private void chunk(AttentionSpan span, int start, int count) {
        float[] work = span.work;
        MemorySegment workView = span.workView;
        int firstHead = span.firstKvHead * group;
        int endHead = span.endKvHead * group;
        for (int row = span.firstRow; row < span.endRow; row++) {
            int output = rowBase(row - span.firstRow) + chunkOutputAt;
            Arrays.fill(work, output + firstHead * headDim, output + endHead * headDim, 0f);
        }
        score(span, start, count);
        for (int row = span.firstRow; row < span.endRow; row++) {
            int base = rowBase(row - span.firstRow);
            int rowCount = count(row, start);
            for (int h = firstHead; rowCount > 0 && h < endHead; h++) {
                long scores = (long) (base + scoresAt + h * CHUNK) * Float.BYTES;
                float max = LaneMath.max(workView, scores, rowCount);
                work[base + chunkMaxAt + h] = max;
                work[base + chunkSumAt + h] = LaneMath.exp(workView, scores, workView, scores, rowCount, 1f, max);
            }
        }
        accumulateValues(span, start, count);
    }

    /**
     * Folds a chunk's result (output at {@code chunkOutput} of {@code chunkWork}, maximum {@code
     * chunkMax}, sum {@code chunkSum}) into head {@code h}'s running result in the row scratch at {@code
     * base}: both rescaled to the larger maximum, then added. The first chunk is taken as it is. Chunks
     * are folded in order of position, the same whichever threads computed them.
     */
    private void fold(
            float[] work, int base, int h, float[] chunkWork, int chunkOutput, float chunkMax, float chunkSum) {
        int output = base + outputAt + h * headDim;
        float max = work[base + maxAt + h];
        if (max == Float.NEGATIVE_INFINITY) {
            System.arraycopy(chunkWork, chunkOutput, work, output, headDim);
            work[base + maxAt + h] = chunkMax;
            work[base + sumAt + h] = chunkSum;
            return;
        }
        float newMax = Math.max(max, chunkMax);
        float shrink = LaneMath.exp(max - newMax);
        float grow = LaneMath.exp(chunkMax - newMax);
        work[base + maxAt + h] = newMax;
        work[base + sumAt + h] = work[base + sumAt + h] * shrink + chunkSum * grow;
        arithmetic.rescaleAndAdd(work, output, shrink, chunkWork, chunkOutput, grow);
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
     * Scores of positions {@code start .. start + count} for the query heads of the span's kv heads,
     * for each of its rows that attends to the position; each key widened once for them all, {@link
     * #POSITIONS} keys at a time.
     */
    private void score(AttentionSpan span, int start, int count) {
        float[] work = span.work;
        for (int p = 0; p < count; p += POSITIONS) {
            int widened = widenPositions(kCache, kHalf, span, start + p, count - p);
            for (int g = span.firstKvHead; g < span.endKvHead; g++) {
                int key = (g - span.firstKvHead) * headDim;
                // Queries that score all four keys go in pairs, as in accumulateValues.
                int waitingQuery = -1;
                int waitingScores = -1;
                for (int row = span.firstRow; row < span.endRow; row++) {
                    int attended = Math.min(widened, count(row, start) - p);
                    if (attended <= 0) {
                        continue;
                    }
                    int base = rowBase(row - span.firstRow);
                    for (int h = g * group; h < (g + 1) * group; h++) {
                        int query = base + h * headDim;
                        int scores = base + scoresAt + h * CHUNK + p;
                        if (attended < POSITIONS) {
                            for (int i = 0; i < attended; i++) {
                                work[scores + i] = arithmetic.dot(work, query, i * widenedStride + key) * scale;
                            }
                        } else if (waitingQuery < 0) {
                            waitingQuery = query;
                            waitingScores = scores;
                        } else {
                            arithmetic.scoreFourTwice(work, waitingQuery, waitingScores, query, scores, key);
                            waitingQuery = -1;
                        }
                    }
                }
                if (waitingQuery >= 0) {
                    arithmetic.scoreFour(work, waitingQuery, key, waitingScores);
                }
            }
        }
    }

    /**
     * Adds {@code weight[h][p] · v[p]} to each query head's chunk output, for each of the span's rows
     * that attends to position {@code start + p}, positions in order; each value widened once for them all,
     * {@link #POSITIONS} values at a time.
     */
    private void accumulateValues(AttentionSpan span, int start, int count) {
        float[] work = span.work;
        for (int p = 0; p < count; p += POSITIONS) {
            int widened = widenPositions(vCache, vHalf, span, start + p, count - p);
            for (int g = span.firstKvHead; g < span.endKvHead; g++) {
                int value = (g - span.firstKvHead) * headDim;
                // Outputs that take all four values go in pairs, which load each value once for both;
                // the one left waiting for a partner, if any, is updated alone at the end.
                int waitingOutput = -1;
                int waitingWeights = -1;
                for (int row = span.firstRow; row < span.endRow; row++) {
                    int attended = Math.min(widened, count(row, start) - p);
                    if (attended <= 0) {
                        continue;
                    }
                    int base = rowBase(row - span.firstRow);
                    for (int h = g * group; h < (g + 1) * group; h++) {
                        int weights = base + scoresAt + h * CHUNK + p;
                        int output = base + chunkOutputAt + h * headDim;
                        if (attended < POSITIONS) {
                            for (int i = 0; i < attended; i++) {
                                arithmetic.addScaled(work, output, i * widenedStride + value, work[weights + i]);
                            }
                        } else if (waitingOutput < 0) {
                            waitingOutput = output;
                            waitingWeights = weights;
                        } else {
                            arithmetic.addScaledFourTwice(work, waitingOutput, waitingWeights, output, weights, value);
                            waitingOutput = -1;
                        }
                    }
                }
                if (waitingOutput >= 0) {
                    arithmetic.addScaledFour(work, waitingOutput, value, waitingWeights);
                }
            }
        }
    }

    /**
     * Widens the span's kv heads of up to {@link #POSITIONS} cached rows, positions {@code position ..}
     * but no more than {@code remaining}, one each {@link #widenedStride} from the start of its work
     * array; returns how many.
     */
    private int widenPositions(MemorySegment cache, boolean half, AttentionSpan span, int position, int remaining) {
        int positions = Math.min(POSITIONS, remaining);
        for (int i = 0; i < positions; i++) {
            long slot = slot(span.lastRow, span.sequence, position + i);
            widen(cache, half, slot, span.firstKvHead, span.endKvHead, span.work, i * widenedStride);
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
}
