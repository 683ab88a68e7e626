package io.github.relayllm.kernels.opencl;

import io.github.relayllm.kernels.backend.Buffer;
import io.github.relayllm.kernels.backend.Op;
import io.github.relayllm.kernels.backend.RowCount;
import io.github.relayllm.kernels.backend.Step;
import java.util.List;

/** Add and SwiGLU: one work-item per element of the step's rows. */
final class ElementwiseLaunch implements ClLaunch {
    private static final int GROUP = 64;

    private final ClKernel kernel;
    private final RowCount rows;
    private final int width;

    private ElementwiseLaunch(ClKernel kernel, RowCount rows, int width) {
        this.kernel = kernel;
        this.rows = rows;
        this.width = width;
    }

    static ElementwiseLaunch add(Op.Add op, ClKernels kernels) {
        return bind(kernels.rows("add"), op.a(), op.b(), op.out(), op.rows());
    }

    static ElementwiseLaunch swiGlu(Op.SwiGlu op, ClKernels kernels) {
        return bind(kernels.rows("swiglu"), op.gate(), op.up(), op.out(), op.rows());
    }

    private static ElementwiseLaunch bind(ClKernel kernel, Buffer a, Buffer b, Buffer out, RowCount rows) {
        kernel.arg(0, OpenClPlan.device(a)).arg(1, OpenClPlan.device(b)).arg(2, OpenClPlan.device(out));
        return new ElementwiseLaunch(kernel, rows, a.width());
    }

    @Override
    public void enqueue(Step step) {
        int count = rows.of(step) * width;
        if (count > 0) {
            kernel.arg(3, count).enqueue(count, GROUP);
        }
    }

    @Override
    public List<ClKernel> kernels() {
        return List.of(kernel);
    }
}
