package io.github.relayllm.kernels.opencl;

import io.github.relayllm.kernels.backend.Op;
import io.github.relayllm.kernels.backend.RowCount;
import io.github.relayllm.kernels.backend.Step;
import java.util.List;

/** RMSNorm: one work-group per (row, group of {@code groupWidth}), reducing the squares in local memory. */
final class RmsNormLaunch implements ClLaunch {
    private final ClKernel kernel;
    private final RowCount rows;
    private final int groupsPerRow;
    private final int lanes;

    RmsNormLaunch(Op.RmsNorm op, ClKernels kernels) {
        this.rows = op.rows();
        this.groupsPerRow = op.in().width() / op.groupWidth();
        this.lanes = RowReductionLaunch.groupFor(op.groupWidth());
        this.kernel = kernels.weights(op.weight().dtype(), "rmsnorm")
                .arg(0, OpenClPlan.device(op.in()))
                .arg(1, OpenClPlan.device(op.weight()))
                .arg(2, OpenClPlan.device(op.out()))
                .arg(3, op.in().width())
                .arg(4, op.groupWidth())
                .arg(5, op.eps())
                .local(6, (long) lanes * Float.BYTES);
    }

    @Override
    public void enqueue(Step step) {
        int count = rows.of(step);
        if (count > 0) {
            kernel.enqueue((long) count * groupsPerRow * lanes, lanes);
        }
    }

    @Override
    public List<ClKernel> kernels() {
        return List.of(kernel);
    }
}
