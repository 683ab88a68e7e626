package io.github.relayllm.kernels.opencl;

import io.github.relayllm.kernels.backend.Op;
import io.github.relayllm.kernels.backend.Step;
import java.util.List;

/** Gather: one work-item per element of the output rows (2-D: element, row). */
final class GatherLaunch implements ClLaunch {
    private static final int GROUP = 64;

    private final ClKernel kernel;
    private final int width;

    GatherLaunch(Op.Gather op, ClKernels kernels) {
        this.width = op.in().width();
        this.kernel = kernels.rows("gather")
                .arg(0, OpenClPlan.device(op.in()))
                .arg(1, OpenClPlan.device(op.rowIndices()))
                .arg(2, OpenClPlan.device(op.out()))
                .arg(3, width);
    }

    @Override
    public void enqueue(Step step) {
        int rows = step.outputs();
        if (rows > 0) {
            kernel.arg(4, rows).enqueue(width, rows, GROUP, 1);
        }
    }

    @Override
    public List<ClKernel> kernels() {
        return List.of(kernel);
    }
}
