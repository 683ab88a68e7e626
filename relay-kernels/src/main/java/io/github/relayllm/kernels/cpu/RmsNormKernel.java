package io.github.relayllm.kernels.cpu;

import io.github.relayllm.kernels.backend.Op;
import io.github.relayllm.kernels.backend.Step;
import io.github.relayllm.kernels.tensor.DType;
import io.github.relayllm.kernels.tensor.Shape;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Op.RmsNorm}: per group of a row, the sum of squares in a vector of partial sums (then the
 * lanes in order, then the tail), {@code scale = 1 / sqrt(sum / n + eps)}, and {@code x * scale *
 * weight}. Batches of rows in parallel. F16 and BF16 weights are widened into a private F32 copy at
 * the start of each run (a few hundred elements), so that the loop reads one layout.
 */
final class RmsNormKernel extends RowwiseKernel {
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private final MemorySegment in;
    private final MemorySegment out;
    private final MemorySegment storedWeight;
    private final MemorySegment weight;
    private final RowDecoder weightDecoder;
    private final int width;
    private final int group;
    private final float eps;

    RmsNormKernel(Op.RmsNorm op, CpuResources resources) {
        super(op, op.in().width(), resources.pool());
        this.in = resources.segment(op.in());
        this.out = resources.segment(op.out());
        this.width = op.in().width();
        this.group = op.groupWidth();
        this.eps = op.eps();
        this.storedWeight = resources.segment(op.weight());
        DType weightType = op.weight().dtype();
        this.weight = weightType == DType.F32
                ? storedWeight
                : resources.memory().allocate(DType.F32, Shape.of(group)).segment();
        this.weightDecoder = weightType == DType.F32 ? null : RowDecoder.of(weightType, group, resources.scratch());
    }

    @Override
    public void run(Step step) {
        if (weightDecoder != null) {
            weightDecoder.decode(storedWeight, 0, weight, 0, group, 0);
        }
        super.run(step);
    }

    @Override
    void runRow(int r, int worker) {
        for (int start = 0; start < width; start += group) {
            long at = ((long) r * width + start) * Float.BYTES;
            normalize(at, scale(at));
        }
    }

    /** {@code 1 / sqrt(mean(x²) + eps)} of the group at byte {@code at}. */
    private float scale(long at) {
        int bound = FLOATS.loopBound(group);
        float sumOfSquares = 0;
        int i = 0;
        if (bound > 0) {
            FloatVector sums = FloatVector.zero(FLOATS);
            for (; i < bound; i += FLOATS.length()) {
                FloatVector x = FloatVector.fromMemorySegment(FLOATS, in, at + (long) i * Float.BYTES, ORDER);
                sums = x.fma(x, sums);
            }
            for (VectorShuffle<Float> fold : LaneMath.FOLDS) {
                sums = sums.add(sums.rearrange(fold));
            }
            sumOfSquares = sums.lane(0);
        }
        for (; i < group; i++) {
            float x = in.get(FLOAT, at + (long) i * Float.BYTES);
            sumOfSquares = Math.fma(x, x, sumOfSquares);
        }
        return (float) (1.0 / Math.sqrt(sumOfSquares / group + eps));
    }

    private void normalize(long at, float scale) {
        int bound = FLOATS.loopBound(group);
        int i = 0;
        for (; i < bound; i += FLOATS.length()) {
            long offset = (long) i * Float.BYTES;
            FloatVector x = FloatVector.fromMemorySegment(FLOATS, in, at + offset, ORDER);
            FloatVector w = FloatVector.fromMemorySegment(FLOATS, weight, offset, ORDER);
            x.mul(scale).mul(w).intoMemorySegment(out, at + offset, ORDER);
        }
        for (; i < group; i++) {
            long offset = (long) i * Float.BYTES;
            out.set(FLOAT, at + offset, in.get(FLOAT, at + offset) * scale * weight.get(FLOAT, offset));
        }
    }
}
