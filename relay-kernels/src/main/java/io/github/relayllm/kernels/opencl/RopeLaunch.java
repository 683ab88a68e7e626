package io.github.relayllm.kernels.opencl;

import io.github.relayllm.kernels.backend.Op;
import io.github.relayllm.kernels.backend.RopeLayout;
import io.github.relayllm.kernels.backend.Step;
import java.util.List;

/**
 * RoPE, alone ({@code rope}) or fused with the store of the rotated keys into the cache ({@code
 * rope_store_kv}): one work-item per rotated pair of a token row.
 */
final class RopeLaunch implements ClLaunch {
    private static final int GROUP = 64;

    private final ClKernel kernel;
    private final int pairs;
    private final int rowsArgument;
    private final int opCount;

    /** RoPE of {@code rope}, fused with {@code store} when that is not null (its k is the rotated x). */
    RopeLaunch(Op.Rope rope, Op.StoreKv store, ClKernels kernels) {
        int width = rope.x().width();
        int adjacent = rope.layout() == RopeLayout.ADJACENT ? 1 : 0;
        this.pairs = width / 2;
        this.opCount = store == null ? 1 : 2;
        if (store == null) {
            this.kernel = kernels.rows("rope")
                    .arg(0, OpenClPlan.device(rope.x()))
                    .arg(1, OpenClPlan.device(rope.positions()))
                    .arg(2, OpenClPlan.device(rope.inverseFrequencies()))
                    .arg(3, width)
                    .arg(4, rope.headDim())
                    .arg(5, adjacent);
            this.rowsArgument = 6;
        } else {
            this.kernel = kernels.cache(store.kCache().dtype(), "rope_store_kv")
                    .arg(0, OpenClPlan.device(rope.x()))
                    .arg(1, OpenClPlan.device(store.v()))
                    .arg(2, OpenClPlan.device(rope.positions()))
                    .arg(3, OpenClPlan.device(rope.inverseFrequencies()))
                    .arg(4, OpenClPlan.device(store.kCache()))
                    .arg(5, OpenClPlan.device(store.vCache()))
                    .arg(6, OpenClPlan.device(store.slots()))
                    .arg(7, width)
                    .arg(8, rope.headDim())
                    .arg(9, adjacent);
            this.rowsArgument = 10;
        }
    }

    @Override
    public void enqueue(Step step) {
        int rows = step.tokens();
        kernel.arg(rowsArgument, rows).enqueue(pairs, rows, GROUP, 1);
    }

    @Override
    public int opCount() {
        return opCount;
    }

    @Override
    public List<ClKernel> kernels() {
        return List.of(kernel);
    }
}
