package io.github.relayllm.kernels.cpu;

import io.github.relayllm.kernels.backend.Op;
import io.github.relayllm.kernels.backend.Step;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Op.Argmax}: per output row, the maximum by vector (exact in any order, and NaN if any lane
 * is NaN), then a scan for the first index holding it; a NaN or +infinity maximum gives {@link
 * Op.Argmax#NOT_FINITE}. One row per item.
 */
final class ArgmaxKernel implements CpuKernel, ParallelBody {
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private final MemorySegment logits;
    private final MemorySegment out;
    private final int width;
    private final WorkerPool pool;

    ArgmaxKernel(Op.Argmax op, CpuResources resources) {
        this.logits = resources.segment(op.logits());
        this.out = resources.segment(op.out());
        this.width = op.logits().width();
        this.pool = resources.pool();
    }

    @Override
    public void run(Step step) {
        pool.forEach(step.outputs(), this);
    }

    @Override
    public void run(int row, int worker) {
        long at = (long) row * width * Float.BYTES;
        float max = LaneMath.max(logits, at, width);
        int index = Float.isNaN(max) || max == Float.POSITIVE_INFINITY ? Op.Argmax.NOT_FINITE : firstIndexOf(at, max);
        out.setAtIndex(INT, row, index);
    }

    /** A scalar scan: it stops at the first hit, and keeps vector masks out of the kernel. */
    private int firstIndexOf(long at, float max) {
        for (int i = 0; i < width; i++) {
            if (logits.get(FLOAT, at + (long) i * Float.BYTES) == max) {
                return i;
            }
        }
        throw new IllegalStateException("the maximum " + max + " is not in its row");
    }
}
