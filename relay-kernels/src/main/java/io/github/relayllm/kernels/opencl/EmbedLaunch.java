package io.github.relayllm.kernels.opencl;

import io.github.relayllm.kernels.backend.Op;
import io.github.relayllm.kernels.backend.RowCount;
import io.github.relayllm.kernels.backend.Step;
import java.util.List;

/**
 * Embed: one work-item per unit of 32 elements of a looked-up row (dimension 0) and token row
 * (dimension 1), decoding the unit exactly as the reference codec does. Token ids were checked on
 * the host ({@link io.github.relayllm.kernels.backend.StepInputs}) before the plan enqueues anything.
 */
final class EmbedLaunch implements ClLaunch {
    private static final int UNIT = 32;
    private static final int MAX_GROUP = 64;

    private final ClKernel kernel;
    private final RowCount rows;
    private final int units;
    private final int group;

    EmbedLaunch(Op.Embed op, ClKernels kernels) {
        MatMulLaunch.requireDecodable(op.table().dtype(), "embedding tables");
        int width = op.table().width();
        this.rows = op.rows();
        this.units = Math.ceilDiv(width, UNIT);
        this.group = Math.min(MAX_GROUP, RowReductionLaunch.groupFor(units));
        this.kernel = kernels.weights(op.table().dtype(), "embed")
                .arg(0, OpenClPlan.device(op.table()))
                .arg(1, OpenClPlan.device(op.tokenIds()))
                .arg(2, OpenClPlan.device(op.out()))
                .arg(3, width);
    }

    @Override
    public void enqueue(Step step) {
        int count = rows.of(step);
        if (count > 0) {
            kernel.arg(4, count).enqueue(units, count, group, 1);
        }
    }

    @Override
    public List<ClKernel> kernels() {
        return List.of(kernel);
    }
}
