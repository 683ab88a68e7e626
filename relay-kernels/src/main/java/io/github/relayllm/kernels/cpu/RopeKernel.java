package io.github.relayllm.kernels.cpu;

import io.github.relayllm.kernels.backend.Op;
import io.github.relayllm.kernels.backend.RopeLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Op.Rope}: per row, the cosines and sines of {@code position * inverseFrequency[i]} are
 * computed once in double (a float angle would lose 1e-3 radians at position 40000) into the worker's
 * scratch, then every head of the row is rotated with them, a vector at a time.
 *
 * <ul>
 *   <li>{@link RopeLayout#HALVES}: the halves of a head are two runs of consecutive elements, so
 *       {@code (a, b) -> (a cos - b sin, b cos + a sin)} vectorizes directly.
 *   <li>{@link RopeLayout#ADJACENT}: the scratch holds each cosine twice and each sine as {@code (-sin,
 *       +sin)}, so that {@code x * cos + swapPairs(x) * sin} rotates whole vectors of pairs.
 * </ul>
 *
 * Batches of rows in parallel. The row's tail (heads narrower than a vector) takes the same formula in
 * scalar code.
 */
final class RopeKernel extends RowwiseKernel {
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final VectorShuffle<Float> SWAP_PAIRS = VectorShuffle.fromOp(FLOATS, i -> i ^ 1);
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private final MemorySegment x;
    private final MemorySegment positions;
    private final MemorySegment inverseFrequencies;
    private final int width;
    private final int headDim;
    private final int pairs;
    private final RopeLayout layout;
    private final WorkerScratch scratch;

    RopeKernel(Op.Rope op, CpuResources resources) {
        super(op, op.x().width(), resources.pool());
        this.x = resources.segment(op.x());
        this.positions = resources.segment(op.positions());
        this.inverseFrequencies = resources.segment(op.inverseFrequencies());
        this.width = op.x().width();
        this.headDim = op.headDim();
        this.pairs = headDim / 2;
        this.layout = op.layout();
        this.scratch = resources.scratch();
        scratch.reserveSegment(2L * headDim);
    }

    @Override
    void runRow(int r, int worker) {
        MemorySegment table = scratch.segment(worker);
        int position = positions.getAtIndex(INT, r);
        long row = (long) r * width * Float.BYTES;
        if (layout == RopeLayout.HALVES) {
            fillHalvesTable(table, position);
            for (int head = 0; head < width; head += headDim) {
                rotateHalves(row + (long) head * Float.BYTES, table);
            }
        } else {
            fillAdjacentTable(table, position);
            for (int head = 0; head < width; head += headDim) {
                rotateAdjacent(row + (long) head * Float.BYTES, table);
            }
        }
    }

    /** {@code table = [cos_0 .. cos_{pairs-1}, sin_0 .. sin_{pairs-1}]}. */
    private void fillHalvesTable(MemorySegment table, int position) {
        long sines = (long) pairs * Float.BYTES;
        for (int i = 0; i < pairs; i++) {
            double theta = (double) position * inverseFrequencies.getAtIndex(FLOAT, i);
            table.setAtIndex(FLOAT, i, (float) Math.cos(theta));
            table.set(FLOAT, sines + (long) i * Float.BYTES, (float) Math.sin(theta));
        }
    }

    /** {@code table = [cos_0, cos_0, cos_1, cos_1, .., -sin_0, sin_0, -sin_1, sin_1, ..]}. */
    private void fillAdjacentTable(MemorySegment table, int position) {
        for (int i = 0; i < pairs; i++) {
            double theta = (double) position * inverseFrequencies.getAtIndex(FLOAT, i);
            float cos = (float) Math.cos(theta);
            float sin = (float) Math.sin(theta);
            table.setAtIndex(FLOAT, 2L * i, cos);
            table.setAtIndex(FLOAT, 2L * i + 1, cos);
            table.setAtIndex(FLOAT, headDim + 2L * i, -sin);
            table.setAtIndex(FLOAT, headDim + 2L * i + 1, sin);
        }
    }

    private void rotateHalves(long head, MemorySegment table) {
        long second = (long) pairs * Float.BYTES;
        int bound = FLOATS.loopBound(pairs);
        int i = 0;
        for (; i < bound; i += FLOATS.length()) {
            long at = (long) i * Float.BYTES;
            FloatVector a = FloatVector.fromMemorySegment(FLOATS, x, head + at, ORDER);
            FloatVector b = FloatVector.fromMemorySegment(FLOATS, x, head + second + at, ORDER);
            FloatVector cos = FloatVector.fromMemorySegment(FLOATS, table, at, ORDER);
            FloatVector sin = FloatVector.fromMemorySegment(FLOATS, table, second + at, ORDER);
            a.mul(cos).sub(b.mul(sin)).intoMemorySegment(x, head + at, ORDER);
            b.mul(cos).add(a.mul(sin)).intoMemorySegment(x, head + second + at, ORDER);
        }
        for (; i < pairs; i++) {
            long at = (long) i * Float.BYTES;
            float a = x.get(FLOAT, head + at);
            float b = x.get(FLOAT, head + second + at);
            float cos = table.get(FLOAT, at);
            float sin = table.get(FLOAT, second + at);
            x.set(FLOAT, head + at, a * cos - b * sin);
            x.set(FLOAT, head + second + at, b * cos + a * sin);
        }
    }

    private void rotateAdjacent(long head, MemorySegment table) {
        long sines = (long) headDim * Float.BYTES;
        int bound = FLOATS.loopBound(headDim);
        int i = 0;
        for (; i < bound; i += FLOATS.length()) {
            long at = (long) i * Float.BYTES;
            FloatVector v = FloatVector.fromMemorySegment(FLOATS, x, head + at, ORDER);
            FloatVector cos = FloatVector.fromMemorySegment(FLOATS, table, at, ORDER);
            FloatVector sin = FloatVector.fromMemorySegment(FLOATS, table, sines + at, ORDER);
            v.mul(cos).add(v.rearrange(SWAP_PAIRS).mul(sin)).intoMemorySegment(x, head + at, ORDER);
        }
        for (; i < headDim; i += 2) {
            long at = (long) i * Float.BYTES;
            float x0 = x.get(FLOAT, head + at);
            float x1 = x.get(FLOAT, head + at + Float.BYTES);
            float cos = table.get(FLOAT, at);
            float negativeSin = table.get(FLOAT, sines + at);
            float sin = table.get(FLOAT, sines + at + Float.BYTES);
            x.set(FLOAT, head + at, x0 * cos + x1 * negativeSin);
            x.set(FLOAT, head + at + Float.BYTES, x1 * cos + x0 * sin);
        }
    }
}
