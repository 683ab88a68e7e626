package io.github.relayllm.kernels.cpu;

import io.github.relayllm.kernels.backend.Op;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Op.Softmax}: per row, the maximum, then {@code e^(x - max)} ({@link LaneMath#exp}) written
 * out while a vector of partial sums adds them up (lane by lane, then the lanes in order, then the
 * tail: a fixed order for a given width), then a division by the sum. Batches of rows in parallel.
 */
final class SoftmaxKernel extends RowwiseKernel {
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private final MemorySegment in;
    private final MemorySegment out;
    private final int width;

    SoftmaxKernel(Op.Softmax op, CpuResources resources) {
        super(op, op.in().width(), resources.pool());
        this.in = resources.segment(op.in());
        this.out = resources.segment(op.out());
        this.width = op.in().width();
    }

    @Override
    void runRow(int r, int worker) {
        long row = (long) r * width * Float.BYTES;
        float max = LaneMath.max(in, row, width);
        float sum = LaneMath.exp(in, row, out, row, width, 1f, max);
        divide(row, sum);
    }

    private void divide(long row, float sum) {
        int bound = FLOATS.loopBound(width);
        int i = 0;
        for (; i < bound; i += FLOATS.length()) {
            long at = row + (long) i * Float.BYTES;
            FloatVector.fromMemorySegment(FLOATS, out, at, ORDER).div(sum).intoMemorySegment(out, at, ORDER);
        }
        for (; i < width; i++) {
            long at = row + (long) i * Float.BYTES;
            out.set(FLOAT, at, out.get(FLOAT, at) / sum);
        }
    }
}
