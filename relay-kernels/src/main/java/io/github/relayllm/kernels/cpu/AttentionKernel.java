package io.github.relayllm.kernels.cpu;

import io.github.relayllm.kernels.backend.Op;
import io.github.relayllm.kernels.backend.Step;
import io.github.relayllm.kernels.backend.StepInputException;
import io.github.relayllm.kernels.tensor.DType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Op.Attention} over the paged cache. One item of the pool is one (row, key/value head): it
 * serves all the query heads that share that key/value head (grouped-query attention), so each cached
 * key and value is read, and widened from F16 when the cache is F16, once per row rather than once per
 * query head.
 *
 * <p>Positions {@code 0..pos} are visited in chunks of {@value #CHUNK}, in order (online softmax, as
 * in FlashAttention): for each chunk, the scores {@code scale · q·k} of every query head of the group
 * land in scratch; the running maximum is updated, the running sum and the accumulated output are
 * rescaled by {@code e^(oldMax - newMax)}, and the chunk's weights {@code e^(s - newMax)} are added to
 * the sum and, times the values, to the output. Scratch is thus bounded by the chunk, not the
 * context, and long contexts stream through L1. The chunking depends only on the row's position, so a
 * row's result is the same whatever else runs in the step.
 *
 * <p>Block ids are checked against the cache as they are read.
 */
final class AttentionKernel implements CpuKernel, ParallelBody {
    /** Positions per chunk of the online softmax. */
    static final int CHUNK = 128;

    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
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

    // Scratch layout, in bytes: scores [group][CHUNK], output [group][headDim], max [group], sum
    // [group], one widened key or value [headDim].
    private final long outputAt;
    private final long maxAt;
    private final long sumAt;
    private final long widenedAt;

    private int rows;

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
        this.outputAt = (long) group * CHUNK * Float.BYTES;
        this.maxAt = outputAt + (long) group * headDim * Float.BYTES;
        this.sumAt = maxAt + (long) group * Float.BYTES;
        this.widenedAt = sumAt + (long) group * Float.BYTES;
        scratch.reserveSegment(widenedAt / Float.BYTES + headDim);
    }

    @Override
    public void run(Step step) {
        rows = step.tokens();
        pool.forEach(rows * kvHeads, this);
    }

    @Override
    public void run(int item, int worker) {
        int row = item / kvHeads;
        int kvHead = item % kvHeads;
        int sequence = StepInputException.requireIndex(
                "Attention", "sequence", row, rowSequence.getAtIndex(INT, row), sequences);
        int position = StepInputException.requireIndex(
                "Attention", "position", row, rowPosition.getAtIndex(INT, row), (long) blocksPerSequence * blockSize);
        MemorySegment work = scratch.segment(worker);
        for (int j = 0; j < group; j++) {
            work.set(FLOAT, maxAt + (long) j * Float.BYTES, Float.NEGATIVE_INFINITY);
            work.set(FLOAT, sumAt + (long) j * Float.BYTES, 0f);
        }
        work.asSlice(outputAt, (long) group * headDim * Float.BYTES).fill((byte) 0);
        long firstQuery = ((long) row * qWidth + (long) kvHead * group * headDim) * Float.BYTES;
        for (int start = 0; start <= position; start += CHUNK) {
            int count = Math.min(CHUNK, position + 1 - start);
            score(work, row, sequence, kvHead, firstQuery, start, count);
            for (int j = 0; j < group; j++) {
                rescale(work, j, count);
            }
            accumulateValues(work, row, sequence, kvHead, start, count);
        }
        long firstOut = firstQuery;
        for (int j = 0; j < group; j++) {
            float sum = work.get(FLOAT, sumAt + (long) j * Float.BYTES);
            divide(work, outputAt + (long) j * headDim * Float.BYTES, sum, firstOut + (long) j * headDim * Float.BYTES);
        }
    }

    /** Scores of positions {@code start .. start + count} for every query head of the group. */
    private void score(MemorySegment work, int row, int sequence, int kvHead, long firstQuery, int start, int count) {
        for (int p = 0; p < count; p++) {
            long slot = slot(row, sequence, start + p);
            long key = cachedRow(kCache, kHalf, slot, kvHead, work);
            MemorySegment keys = kHalf ? work : kCache;
            for (int j = 0; j < group; j++) {
                float dot = dot(q, firstQuery + (long) j * headDim * Float.BYTES, keys, key);
                work.set(FLOAT, ((long) j * CHUNK + p) * Float.BYTES, dot * scale);
            }
        }
    }

    /**
     * For query head {@code j}: the new running maximum, the rescaling of its sum and output, and the
     * chunk's weights {@code e^(s - max)} in place of its scores, added to the sum.
     */
    private void rescale(MemorySegment work, int j, int count) {
        long scores = (long) j * CHUNK * Float.BYTES;
        long maxSlot = maxAt + (long) j * Float.BYTES;
        long sumSlot = sumAt + (long) j * Float.BYTES;
        float oldMax = work.get(FLOAT, maxSlot);
        float newMax = Math.max(oldMax, max(work, scores, count));
        float shrink = LaneMath.exp(oldMax - newMax);
        float sum = work.get(FLOAT, sumSlot) * shrink + LaneMath.exp(work, scores, work, scores, count, 1f, newMax);
        work.set(FLOAT, maxSlot, newMax);
        work.set(FLOAT, sumSlot, sum);
        multiply(work, outputAt + (long) j * headDim * Float.BYTES, shrink);
    }

    /** Adds {@code weight[j][p] · v[p]} to each query head's output. */
    private void accumulateValues(MemorySegment work, int row, int sequence, int kvHead, int start, int count) {
        for (int p = 0; p < count; p++) {
            long slot = slot(row, sequence, start + p);
            long value = cachedRow(vCache, vHalf, slot, kvHead, work);
            MemorySegment values = vHalf ? work : vCache;
            for (int j = 0; j < group; j++) {
                float weight = work.get(FLOAT, ((long) j * CHUNK + p) * Float.BYTES);
                addScaled(work, outputAt + (long) j * headDim * Float.BYTES, values, value, weight);
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
     * The byte offset of the key or value head at {@code slot}: in the cache for F32, or in the
     * scratch after widening for F16.
     */
    private long cachedRow(MemorySegment cache, boolean half, long slot, int kvHead, MemorySegment work) {
        long element = slot * kvWidth + (long) kvHead * headDim;
        if (!half) {
            return element * Float.BYTES;
        }
        HalfFloatVectors.widenHalves(cache, element * Short.BYTES, work, widenedAt, headDim);
        return widenedAt;
    }

    private float dot(MemorySegment a, long aAt, MemorySegment b, long bAt) {
        int bound = FLOATS.loopBound(headDim);
        float dot = 0;
        int i = 0;
        if (bound > 0) {
            FloatVector sums = FloatVector.zero(FLOATS);
            for (; i < bound; i += FLOATS.length()) {
                long offset = (long) i * Float.BYTES;
                FloatVector x = FloatVector.fromMemorySegment(FLOATS, a, aAt + offset, ORDER);
                FloatVector y = FloatVector.fromMemorySegment(FLOATS, b, bAt + offset, ORDER);
                sums = x.fma(y, sums);
            }
            for (int lane = 0; lane < FLOATS.length(); lane++) {
                dot += sums.lane(lane);
            }
        }
        for (; i < headDim; i++) {
            long offset = (long) i * Float.BYTES;
            dot = Math.fma(a.get(FLOAT, aAt + offset), b.get(FLOAT, bAt + offset), dot);
        }
        return dot;
    }

    private static float max(MemorySegment work, long at, int count) {
        int bound = FLOATS.loopBound(count);
        float max = Float.NEGATIVE_INFINITY;
        int i = 0;
        if (bound > 0) {
            FloatVector maxima = FloatVector.broadcast(FLOATS, Float.NEGATIVE_INFINITY);
            for (; i < bound; i += FLOATS.length()) {
                maxima = maxima.max(FloatVector.fromMemorySegment(FLOATS, work, at + (long) i * Float.BYTES, ORDER));
            }
            max = maxima.reduceLanes(VectorOperators.MAX);
        }
        for (; i < count; i++) {
            max = Math.max(max, work.get(FLOAT, at + (long) i * Float.BYTES));
        }
        return max;
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
    private void addScaled(MemorySegment work, long at, MemorySegment values, long valueAt, float weight) {
        FloatVector weights = FloatVector.broadcast(FLOATS, weight);
        int bound = FLOATS.loopBound(headDim);
        int i = 0;
        for (; i < bound; i += FLOATS.length()) {
            long offset = (long) i * Float.BYTES;
            FloatVector v = FloatVector.fromMemorySegment(FLOATS, values, valueAt + offset, ORDER);
            FloatVector acc = FloatVector.fromMemorySegment(FLOATS, work, at + offset, ORDER);
            v.fma(weights, acc).intoMemorySegment(work, at + offset, ORDER);
        }
        for (; i < headDim; i++) {
            long offset = (long) i * Float.BYTES;
            float acc = work.get(FLOAT, at + offset);
            work.set(FLOAT, at + offset, Math.fma(values.get(FLOAT, valueAt + offset), weight, acc));
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
