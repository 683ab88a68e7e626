package io.github.relayllm.kernels.cpu;

import io.github.relayllm.kernels.backend.Op;
import io.github.relayllm.kernels.backend.RowCount;
import io.github.relayllm.kernels.backend.Step;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Op.SwiGlu}: {@code gate / (1 + e^-gate) * up}, a vector at a time with {@link LaneMath#exp}
 * (the row's tail with its scalar twin, so every element gets the same bits wherever it falls);
 * batches of rows in parallel.
 */
final class SwiGluKernel implements CpuKernel, ParallelBody {
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private final MemorySegment gate;
    private final MemorySegment up;
    private final MemorySegment out;
    private final int width;
    private final RowCount rowCount;
    private final RowBatches batches;
    private final WorkerPool pool;
    private int rows;

    SwiGluKernel(Op.SwiGlu op, CpuResources resources) {
        this.gate = resources.segment(op.gate());
        this.up = resources.segment(op.up());
        this.out = resources.segment(op.out());
        this.width = op.gate().width();
        this.rowCount = op.rows();
        this.batches = RowBatches.forWidth(width);
        this.pool = resources.pool();
    }

    @Override
    public void run(Step step) {
        rows = rowCount.of(step);
        pool.forEach(batches.count(rows), this);
    }

    @Override
    public void run(int batch, int worker) {
        int bound = FLOATS.loopBound(width);
        for (int r = batches.first(batch); r < batches.end(batch, rows); r++) {
            long row = (long) r * width * Float.BYTES;
            int i = 0;
            for (; i < bound; i += FLOATS.length()) {
                long at = row + (long) i * Float.BYTES;
                FloatVector g = FloatVector.fromMemorySegment(FLOATS, gate, at, ORDER);
                FloatVector u = FloatVector.fromMemorySegment(FLOATS, up, at, ORDER);
                FloatVector silu = g.div(LaneMath.exp(g.neg()).add(1f));
                silu.mul(u).intoMemorySegment(out, at, ORDER);
            }
            for (; i < width; i++) {
                long at = row + (long) i * Float.BYTES;
                float g = gate.get(FLOAT, at);
                float silu = g / (LaneMath.exp(-g) + 1f);
                out.set(FLOAT, at, silu * up.get(FLOAT, at));
            }
        }
    }
}
