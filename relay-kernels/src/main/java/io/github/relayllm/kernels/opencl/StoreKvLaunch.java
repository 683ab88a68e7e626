package io.github.relayllm.kernels.opencl;

import io.github.relayllm.kernels.backend.Op;
import io.github.relayllm.kernels.backend.Step;
import java.util.List;

/** The store of a step's keys and values into their cache slots: one work-item per element and row. */
final class StoreKvLaunch implements ClLaunch {
    private static final int GROUP = 64;

    private final ClKernel kernel;
    private final int width;

    StoreKvLaunch(Op.StoreKv op, ClKernels kernels) {
        this.width = op.k().width();
        this.kernel = kernels.cache(op.kCache().dtype(), "store_kv")
                .arg(0, OpenClPlan.device(op.k()))
                .arg(1, OpenClPlan.device(op.v()))
                .arg(2, OpenClPlan.device(op.kCache()))
                .arg(3, OpenClPlan.device(op.vCache()))
                .arg(4, OpenClPlan.device(op.slots()))
                .arg(5, width);
    }

    @Override
    public void enqueue(Step step) {
        int rows = step.tokens();
        kernel.arg(6, rows).enqueue(width, rows, GROUP, 1);
    }

    @Override
    public List<ClKernel> kernels() {
        return List.of(kernel);
    }
}
