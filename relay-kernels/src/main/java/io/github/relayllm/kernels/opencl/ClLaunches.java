package io.github.relayllm.kernels.opencl;

import io.github.relayllm.kernels.backend.Op;
import io.github.relayllm.kernels.backend.Step;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a plan's ops into launches: one per op, except that a RoPE of the keys followed at once by the
 * store of those keys into the cache becomes one kernel that rotates and stores (the keys are read
 * once, and one launch per layer goes).
 */
final class ClLaunches {
    private ClLaunches() {}

    static List<ClLaunch> compile(List<Op> ops, Step largestStep, ClKernels kernels) {
        List<ClLaunch> launches = new ArrayList<>(ops.size());
        for (int i = 0; i < ops.size(); i++) {
            Op op = ops.get(i);
            if (op instanceof Op.Rope rope
                    && i + 1 < ops.size()
                    && ops.get(i + 1) instanceof Op.StoreKv store
                    && store.k() == rope.x()) {
                launches.add(new RopeLaunch(rope, store, kernels));
                i++;
                continue;
            }
            launches.add(
                    switch (op) {
                        case Op.Add add -> ElementwiseLaunch.add(add, kernels);
                        case Op.SwiGlu swiGlu -> ElementwiseLaunch.swiGlu(swiGlu, kernels);
                        case Op.Softmax softmax -> RowReductionLaunch.softmax(softmax, kernels);
                        case Op.Argmax argmax -> RowReductionLaunch.argmax(argmax, kernels);
                        case Op.Gather gather -> new GatherLaunch(gather, kernels);
                        case Op.RmsNorm rmsNorm -> new RmsNormLaunch(rmsNorm, kernels);
                        case Op.Rope rope -> new RopeLaunch(rope, null, kernels);
                        case Op.StoreKv store -> new StoreKvLaunch(store, kernels);
                        case Op.Embed embed -> new EmbedLaunch(embed, kernels);
                        case Op.MatMul matMul -> new MatMulLaunch(matMul, largestStep, kernels);
                        case Op.Attention attention -> new AttentionLaunch(attention, largestStep, kernels);
                    });
        }
        return List.copyOf(launches);
    }
}
