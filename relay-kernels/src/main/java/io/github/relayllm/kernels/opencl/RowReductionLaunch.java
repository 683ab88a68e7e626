package io.github.relayllm.kernels.opencl;

import io.github.relayllm.kernels.backend.Op;
import io.github.relayllm.kernels.backend.RowCount;
import io.github.relayllm.kernels.backend.Step;
import java.util.List;

/**
 * Softmax and argmax: one work-group per row, its lanes striding over the row, reduced in local
 * memory. The group is a power of two no wider than the row needs.
 */
final class RowReductionLaunch implements ClLaunch {
    private static final int MAX_GROUP = 256;

    private final ClKernel kernel;
    private final RowCount rows;
    private final int group;

    private RowReductionLaunch(ClKernel kernel, RowCount rows, int group) {
        this.kernel = kernel;
        this.rows = rows;
        this.group = group;
    }

    static RowReductionLaunch softmax(Op.Softmax op, ClKernels kernels) {
        int group = groupFor(op.in().width());
        ClKernel kernel = kernels.rows("softmax")
                .arg(0, OpenClPlan.device(op.in()))
                .arg(1, OpenClPlan.device(op.out()))
                .arg(2, op.in().width())
                .local(3, (long) group * Float.BYTES);
        return new RowReductionLaunch(kernel, op.rows(), group);
    }

    static RowReductionLaunch argmax(Op.Argmax op, ClKernels kernels) {
        int group = groupFor(op.logits().width());
        ClKernel kernel = kernels.rows("argmax")
                .arg(0, OpenClPlan.device(op.logits()))
                .arg(1, OpenClPlan.device(op.out()))
                .arg(2, op.logits().width())
                .local(3, (long) group * Float.BYTES)
                .local(4, (long) group * Integer.BYTES);
        return new RowReductionLaunch(kernel, op.rows(), group);
    }

    /** The smallest power of two covering the row, at most {@value #MAX_GROUP}. */
    static int groupFor(int width) {
        return Math.min(MAX_GROUP, Integer.highestOneBit(Math.max(1, width - 1)) << 1);
    }

    @Override
    public void enqueue(Step step) {
        int count = rows.of(step);
        if (count > 0) {
            kernel.enqueue((long) count * group, group);
        }
    }

    @Override
    public List<ClKernel> kernels() {
        return List.of(kernel);
    }
}
