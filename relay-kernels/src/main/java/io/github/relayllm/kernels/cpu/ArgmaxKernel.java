package io.github.relayllm.kernels.cpu;

import io.github.relayllm.kernels.backend.Op;
import io.github.relayllm.kernels.backend.Step;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Op.Argmax}: the index of each output row's first maximum; a row whose maximum is NaN or
 * +infinity gets {@link Op.Argmax#NOT_FINITE}.
 *
 * <p>A row of logits is a vocabulary wide (150,000 floats in a Qwen model), which one thread reads in
 * about 100 µs, so each row is cut into one piece per thread of the pool. A piece takes its maximum by
 * {@link LaneMath#max} (exact in any order, and NaN if any element is NaN), then scans by vector for
 * the first index holding it; the row's answer is the first piece holding the largest of the pieces' maxima. Equal
 * values compare with {@code ==}, so {@code -0.0} and {@code 0.0} tie and the first of them wins, as in
 * the reference. Scratch for the pieces' results is sized once for the largest step: no allocation per
 * step.
 */
final class ArgmaxKernel implements CpuKernel, ParallelBody {
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    /** Fewest vectors in a piece: a shorter row is not worth splitting. */
    private static final int MIN_PIECE_VECTORS = 16;

    private final MemorySegment logits;
    private final MemorySegment out;
    private final int width;
    private final WorkerPool pool;
    private final int pieces;
    private final int pieceWidth;
    private final float[] pieceMaxima;
    private final int[] pieceFirsts;

    ArgmaxKernel(Op.Argmax op, CpuResources resources) {
        this.logits = resources.segment(op.logits());
        this.out = resources.segment(op.out());
        this.width = op.logits().width();
        this.pool = resources.pool();
        // Pieces of whole vectors, so that only the last one has a scalar tail.
        int vectors = Math.ceilDiv(width, FLOATS.length());
        this.pieces = Math.max(1, Math.min(pool.threads(), vectors / MIN_PIECE_VECTORS));
        this.pieceWidth = Math.ceilDiv(vectors, pieces) * FLOATS.length();
        int rows = Math.toIntExact(op.rowCapacity());
        this.pieceMaxima = new float[rows * pieces];
        this.pieceFirsts = new int[rows * pieces];
    }

    @Override
    public void run(Step step) {
        int rows = step.outputs();
        pool.forEach(rows * pieces, this);
        for (int row = 0; row < rows; row++) {
            out.setAtIndex(INT, row, combine(row * pieces));
        }
    }

    /** One piece of one row: its maximum and the first index (in the row) holding it. */
    @Override
    public void run(int item, int worker) {
        int row = item / pieces;
        int from = item % pieces * pieceWidth;
        int to = Math.min(width, from + pieceWidth);
        long rowAt = (long) row * width * Float.BYTES;
        float max = LaneMath.max(logits, rowAt + (long) from * Float.BYTES, to - from);
        pieceMaxima[item] = max;
        pieceFirsts[item] = Float.isNaN(max) || from >= to ? -1 : firstIndexOf(rowAt, from, to, max);
    }

    /** The row's answer from its pieces' results at {@code first}: the first piece holding the maximum. */
    private int combine(int first) {
        float max = Float.NEGATIVE_INFINITY;
        for (int piece = first; piece < first + pieces; piece++) {
            max = Math.max(max, pieceMaxima[piece]);
        }
        if (Float.isNaN(max) || max == Float.POSITIVE_INFINITY) {
            return Op.Argmax.NOT_FINITE;
        }
        for (int piece = first; piece < first + pieces; piece++) {
            if (pieceMaxima[piece] == max) {
                return pieceFirsts[piece];
            }
        }
        throw new IllegalStateException("the maximum " + max + " is in no piece of its row");
    }

    /** The first index in {@code [from, to)} holding {@code max}, which the range holds. */
    private int firstIndexOf(long rowAt, int from, int to, float max) {
        int lanes = FLOATS.length();
        int i = from;
        for (int bound = from + (to - from) / lanes * lanes; i < bound; i += lanes) {
            VectorMask<Float> hits = load(rowAt, i).compare(VectorOperators.EQ, max);
            if (hits.anyTrue()) {
                return i + hits.firstTrue();
            }
        }
        for (; i < to; i++) {
            if (logits.get(FLOAT, rowAt + (long) i * Float.BYTES) == max) {
                return i;
            }
        }
        throw new IllegalStateException("the maximum " + max + " is not in its piece [" + from + ", " + to + ")");
    }

    private FloatVector load(long rowAt, int index) {
        return FloatVector.fromMemorySegment(FLOATS, logits, rowAt + (long) index * Float.BYTES, ORDER);
    }
}
