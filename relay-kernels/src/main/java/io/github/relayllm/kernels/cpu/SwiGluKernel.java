package io.github.relayllm.kernels.cpu;

import io.github.relayllm.kernels.backend.Op;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Op.SwiGlu}: per row, {@code e^-gate} into the worker's scratch ({@link LaneMath#exp}), then
 * {@code gate / (1 + e^-gate) * up}, a vector at a time; batches of rows in parallel. Two passes keep
 * the exponential's vectors inside one method (see {@link LaneMath}) and let {@code out} be
 * {@code gate} or {@code up}.
 */
final class SwiGluKernel extends RowwiseKernel {
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private final MemorySegment gate;
    private final MemorySegment up;
    private final MemorySegment out;
    private final int width;
    private final WorkerScratch scratch;

    SwiGluKernel(Op.SwiGlu op, CpuResources resources) {
        super(op, op.gate().width(), resources.pool());
        this.gate = resources.segment(op.gate());
        this.up = resources.segment(op.up());
        this.out = resources.segment(op.out());
        this.width = op.gate().width();
        this.scratch = resources.scratch();
        scratch.reserveSegment(width);
    }

    @Override
    void runRow(int r, int worker) {
        MemorySegment negativeExponentials = scratch.segment(worker);
        int bound = FLOATS.loopBound(width);
        long row = (long) r * width * Float.BYTES;
        LaneMath.exp(gate, row, negativeExponentials, 0, width, -1f, 0f);
        int i = 0;
        for (; i < bound; i += FLOATS.length()) {
            long at = (long) i * Float.BYTES;
            FloatVector g = FloatVector.fromMemorySegment(FLOATS, gate, row + at, ORDER);
            FloatVector u = FloatVector.fromMemorySegment(FLOATS, up, row + at, ORDER);
            FloatVector e = FloatVector.fromMemorySegment(FLOATS, negativeExponentials, at, ORDER);
            g.div(e.add(1f)).mul(u).intoMemorySegment(out, row + at, ORDER);
        }
        for (; i < width; i++) {
            long at = (long) i * Float.BYTES;
            float g = gate.get(FLOAT, row + at);
            float e = negativeExponentials.get(FLOAT, at);
            out.set(FLOAT, row + at, g / (e + 1f) * up.get(FLOAT, row + at));
        }
    }
}
