package io.github.relayllm.kernels.cpu;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The arithmetic of one query head in {@link AttentionKernel}, over the floats of a worker's scratch
 * array: dot products of the head's query with widened keys, weighted sums of widened values into its
 * output, the rescaling that folds a chunk's output into the running one, and the final division.
 * Keys and values of consecutive positions lie {@code stride} floats apart.
 *
 * <p>Every path of a dot product runs the same operations in the same order (one vector accumulator
 * over {@code headDim} in order, the lanes folded by {@link LaneMath#FOLDS}, a scalar tail), whether
 * one position or four are computed at once; value updates likewise. Methods take and return arrays,
 * offsets and scalars only, never a vector: C2 boxes a vector that crosses a call it did not inline.
 * Immutable; safe to share between threads that work on different arrays.
 */
final class AttentionArithmetic {
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private final int headDim;
    private final int stride;
    private final float scale;

    /** Heads of {@code headDim}, positions {@code stride} floats apart, scores scaled by {@code scale}. */
    AttentionArithmetic(int headDim, int stride, float scale) {
        this.headDim = headDim;
        this.stride = stride;
        this.scale = scale;
    }

    /** The dot product of the query at {@code queryAt} and the widened key at {@code keyAt}. */
    float dot(float[] work, int queryAt, int keyAt) {
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
     * The scores of four consecutive widened keys (from {@code keyAt}, one each {@code stride})
     * against the query at {@code queryAt}, into {@code work[scoresAt ..]}: each exactly as {@link #dot}
     * computes it, the four interleaved.
     */
    void scoreFour(float[] work, int queryAt, int keyAt, int scoresAt) {
        int k1 = keyAt + stride;
        int k2 = k1 + stride;
        int k3 = k2 + stride;
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
     * {@link #scoreFour} for two queries at once ({@code queryAt} into {@code scoresAt}, {@code
     * queryAtB} into {@code scoresAtB}) against the same four keys: each key vector is loaded once for
     * both, and each score gets exactly the operations {@link #scoreFour} gives it.
     */
    void scoreFourTwice(float[] work, int queryAt, int scoresAt, int queryAtB, int scoresAtB, int keyAt) {
        int k1 = keyAt + stride;
        int k2 = k1 + stride;
        int k3 = k2 + stride;
        int bound = FLOATS.loopBound(headDim);
        float d0 = 0;
        float d1 = 0;
        float d2 = 0;
        float d3 = 0;
        float e0 = 0;
        float e1 = 0;
        float e2 = 0;
        float e3 = 0;
        int i = 0;
        if (bound > 0) {
            FloatVector s0 = FloatVector.zero(FLOATS);
            FloatVector s1 = s0;
            FloatVector s2 = s0;
            FloatVector s3 = s0;
            FloatVector t0 = s0;
            FloatVector t1 = s0;
            FloatVector t2 = s0;
            FloatVector t3 = s0;
            for (; i < bound; i += FLOATS.length()) {
                FloatVector y0 = FloatVector.fromArray(FLOATS, work, keyAt + i);
                FloatVector y1 = FloatVector.fromArray(FLOATS, work, k1 + i);
                FloatVector y2 = FloatVector.fromArray(FLOATS, work, k2 + i);
                FloatVector y3 = FloatVector.fromArray(FLOATS, work, k3 + i);
                FloatVector x = FloatVector.fromArray(FLOATS, work, queryAt + i);
                s0 = x.fma(y0, s0);
                s1 = x.fma(y1, s1);
                s2 = x.fma(y2, s2);
                s3 = x.fma(y3, s3);
                FloatVector z = FloatVector.fromArray(FLOATS, work, queryAtB + i);
                t0 = z.fma(y0, t0);
                t1 = z.fma(y1, t1);
                t2 = z.fma(y2, t2);
                t3 = z.fma(y3, t3);
            }
            for (VectorShuffle<Float> fold : LaneMath.FOLDS) {
                s0 = s0.add(s0.rearrange(fold));
                s1 = s1.add(s1.rearrange(fold));
                s2 = s2.add(s2.rearrange(fold));
                s3 = s3.add(s3.rearrange(fold));
                t0 = t0.add(t0.rearrange(fold));
                t1 = t1.add(t1.rearrange(fold));
                t2 = t2.add(t2.rearrange(fold));
                t3 = t3.add(t3.rearrange(fold));
            }
            d0 = s0.lane(0);
            d1 = s1.lane(0);
            d2 = s2.lane(0);
            d3 = s3.lane(0);
            e0 = t0.lane(0);
            e1 = t1.lane(0);
            e2 = t2.lane(0);
            e3 = t3.lane(0);
        }
        for (; i < headDim; i++) {
            float x = work[queryAt + i];
            d0 = Math.fma(x, work[keyAt + i], d0);
            d1 = Math.fma(x, work[k1 + i], d1);
            d2 = Math.fma(x, work[k2 + i], d2);
            d3 = Math.fma(x, work[k3 + i], d3);
            float z = work[queryAtB + i];
            e0 = Math.fma(z, work[keyAt + i], e0);
            e1 = Math.fma(z, work[k1 + i], e1);
            e2 = Math.fma(z, work[k2 + i], e2);
            e3 = Math.fma(z, work[k3 + i], e3);
        }
        work[scoresAt] = d0 * scale;
        work[scoresAt + 1] = d1 * scale;
        work[scoresAt + 2] = d2 * scale;
        work[scoresAt + 3] = d3 * scale;
        work[scoresAtB] = e0 * scale;
        work[scoresAtB + 1] = e1 * scale;
        work[scoresAtB + 2] = e2 * scale;
        work[scoresAtB + 3] = e3 * scale;
    }

    /**
     * {@code work[at..] += w[0] · v[0] + ... + w[3] · v[3]} for four consecutive widened values (from
     * {@code valueAt}, one each {@code stride}) and their weights at {@code work[weightsAt ..]}:
     * the four fused additions of {@link #addScaled} in the same order, the output held in a register
     * between them.
     */
    void addScaledFour(float[] work, int at, int valueAt, int weightsAt) {
        float w0 = work[weightsAt];
        float w1 = work[weightsAt + 1];
        float w2 = work[weightsAt + 2];
        float w3 = work[weightsAt + 3];
        int v1 = valueAt + stride;
        int v2 = v1 + stride;
        int v3 = v2 + stride;
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

    /**
     * {@link #addScaledFour} for two outputs at once ({@code at}, weights at {@code weightsAt}; {@code
     * atB}, weights at {@code weightsAtB}) that read the same four values: each value vector is loaded
     * once for both, and each output gets exactly the operations {@link #addScaledFour} gives it.
     */
    void addScaledFourTwice(float[] work, int at, int weightsAt, int atB, int weightsAtB, int valueAt) {
        int v1 = valueAt + stride;
        int v2 = v1 + stride;
        int v3 = v2 + stride;
        FloatVector a0 = FloatVector.broadcast(FLOATS, work[weightsAt]);
        FloatVector a1 = FloatVector.broadcast(FLOATS, work[weightsAt + 1]);
        FloatVector a2 = FloatVector.broadcast(FLOATS, work[weightsAt + 2]);
        FloatVector a3 = FloatVector.broadcast(FLOATS, work[weightsAt + 3]);
        FloatVector b0 = FloatVector.broadcast(FLOATS, work[weightsAtB]);
        FloatVector b1 = FloatVector.broadcast(FLOATS, work[weightsAtB + 1]);
        FloatVector b2 = FloatVector.broadcast(FLOATS, work[weightsAtB + 2]);
        FloatVector b3 = FloatVector.broadcast(FLOATS, work[weightsAtB + 3]);
        int bound = FLOATS.loopBound(headDim);
        int i = 0;
        for (; i < bound; i += FLOATS.length()) {
            FloatVector x0 = FloatVector.fromArray(FLOATS, work, valueAt + i);
            FloatVector x1 = FloatVector.fromArray(FLOATS, work, v1 + i);
            FloatVector x2 = FloatVector.fromArray(FLOATS, work, v2 + i);
            FloatVector x3 = FloatVector.fromArray(FLOATS, work, v3 + i);
            FloatVector acc = FloatVector.fromArray(FLOATS, work, at + i);
            acc = x0.fma(a0, acc);
            acc = x1.fma(a1, acc);
            acc = x2.fma(a2, acc);
            acc = x3.fma(a3, acc);
            acc.intoArray(work, at + i);
            FloatVector accB = FloatVector.fromArray(FLOATS, work, atB + i);
            accB = x0.fma(b0, accB);
            accB = x1.fma(b1, accB);
            accB = x2.fma(b2, accB);
            accB = x3.fma(b3, accB);
            accB.intoArray(work, atB + i);
        }
        for (; i < headDim; i++) {
            float acc = Math.fma(work[valueAt + i], work[weightsAt], work[at + i]);
            acc = Math.fma(work[v1 + i], work[weightsAt + 1], acc);
            acc = Math.fma(work[v2 + i], work[weightsAt + 2], acc);
            work[at + i] = Math.fma(work[v3 + i], work[weightsAt + 3], acc);
            float accB = Math.fma(work[valueAt + i], work[weightsAtB], work[atB + i]);
            accB = Math.fma(work[v1 + i], work[weightsAtB + 1], accB);
            accB = Math.fma(work[v2 + i], work[weightsAtB + 2], accB);
            work[atB + i] = Math.fma(work[v3 + i], work[weightsAtB + 3], accB);
        }
    }

    /** {@code work[at..] += weight · work[valueAt..]}, fused. */
    void addScaled(float[] work, int at, int valueAt, float weight) {
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

    /** {@code out[outAt..]} (bytes) = {@code work[at..] / sum}: a head's output, normalized. */
    void divide(float[] work, int at, float sum, MemorySegment out, long outAt) {
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

    /**
     * {@code work[output..] = chunk[chunkOutput..] · grow + work[output..] · shrink}, fused: the running
     * output and a chunk's, each rescaled to their common maximum, added.
     */
    void rescaleAndAdd(float[] work, int output, float shrink, float[] chunk, int chunkOutput, float grow) {
        FloatVector grows = FloatVector.broadcast(FLOATS, grow);
        int bound = FLOATS.loopBound(headDim);
        int i = 0;
        for (; i < bound; i += FLOATS.length()) {
            FloatVector.fromArray(FLOATS, chunk, chunkOutput + i)
                    .fma(grows, FloatVector.fromArray(FLOATS, work, output + i).mul(shrink))
                    .intoArray(work, output + i);
        }
        for (; i < headDim; i++) {
            work[output + i] = Math.fma(chunk[chunkOutput + i], grow, work[output + i] * shrink);
        }
    }
}
