package io.github.relayllm.kernels.cpu;

import io.github.relayllm.kernels.backend.Op;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** {@link Op.Add}: one float addition per element, a vector at a time; batches of rows in parallel. */
final class AddKernel extends RowwiseKernel {
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private final MemorySegment a;
    private final MemorySegment b;
    private final MemorySegment out;
    private final int width;

    AddKernel(Op.Add op, CpuResources resources) {
        super(op, op.a().width(), resources.pool());
        this.a = resources.segment(op.a());
        this.b = resources.segment(op.b());
        this.out = resources.segment(op.out());
        this.width = op.a().width();
    }

    @Override
    void runRow(int r, int worker) {
        int bound = FLOATS.loopBound(width);
        long row = (long) r * width * Float.BYTES;
        int i = 0;
        for (; i < bound; i += FLOATS.length()) {
            long at = row + (long) i * Float.BYTES;
            FloatVector x = FloatVector.fromMemorySegment(FLOATS, a, at, ORDER);
            FloatVector y = FloatVector.fromMemorySegment(FLOATS, b, at, ORDER);
            x.add(y).intoMemorySegment(out, at, ORDER);
        }
        for (; i < width; i++) {
            long at = row + (long) i * Float.BYTES;
            out.set(FLOAT, at, a.get(FLOAT, at) + b.get(FLOAT, at));
        }
    }
}
