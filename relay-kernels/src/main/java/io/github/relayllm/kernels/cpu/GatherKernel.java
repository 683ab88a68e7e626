package io.github.relayllm.kernels.cpu;

import io.github.relayllm.kernels.backend.Op;
import io.github.relayllm.kernels.backend.Step;
import io.github.relayllm.kernels.backend.StepInputException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** {@link Op.Gather}: row copies, on the calling thread (a few rows per step). */
final class GatherKernel implements CpuKernel {
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;

    private final MemorySegment in;
    private final MemorySegment indices;
    private final MemorySegment out;
    private final long inRows;
    private final long rowBytes;

    GatherKernel(Op.Gather op, CpuResources resources) {
        this.in = resources.segment(op.in());
        this.indices = resources.segment(op.rowIndices());
        this.out = resources.segment(op.out());
        this.inRows = op.in().rows();
        this.rowBytes = (long) op.in().width() * Float.BYTES;
    }

    @Override
    public void run(Step step) {
        long limit = Math.min(step.tokens(), inRows);
        for (int r = 0; r < step.outputs(); r++) {
            int source = StepInputException.requireIndex("Gather", "row index", r, indices.getAtIndex(INT, r), limit);
            MemorySegment.copy(in, source * rowBytes, out, r * rowBytes, rowBytes);
        }
    }
}
