package io.github.relayllm.kernels.cpu;

import io.github.relayllm.kernels.backend.ExecutionPlan;
import io.github.relayllm.kernels.backend.Op;
import io.github.relayllm.kernels.backend.OpTimes;
import io.github.relayllm.kernels.backend.Step;
import io.github.relayllm.kernels.host.HostMemory;
import java.util.List;

/**
 * The CPU backend's plan: each op bound once to a {@link CpuKernel}, then run in order on every step.
 * Running allocates nothing on the Java heap.
 */
final class CpuPlan implements ExecutionPlan {
    private final HostMemory memory;
    private final List<Op> ops;
    private final Step largestStep;
    private final CpuKernel[] kernels;
    // Made once, so that a timed run allocates nothing; not the plan itself, which would make running a
    // single op public.
    private final OpTimes.OpRunner opRunner;

    private CpuPlan(HostMemory memory, List<Op> ops, Step largestStep, CpuKernel[] kernels) {
        this.memory = memory;
        this.ops = ops;
        this.largestStep = largestStep;
        this.kernels = kernels;
        this.opRunner = (op, runStep) -> {
            kernels[op].run(runStep);
            return 1;
        };
    }

    /** Binds each op to its kernel; the caller has checked the buffers. */
    static CpuPlan compile(List<Op> ops, Step largestStep, CpuResources resources) {
        List<Op> copy = List.copyOf(ops);
        CpuKernel[] kernels = new CpuKernel[copy.size()];
        for (int i = 0; i < kernels.length; i++) {
            kernels[i] = kernelFor(copy.get(i), resources);
        }
        return new CpuPlan(resources.memory(), copy, largestStep, kernels);
    }

    private static CpuKernel kernelFor(Op op, CpuResources resources) {
        return switch (op) {
            case Op.Embed embed -> new EmbedKernel(embed, resources);
            case Op.MatMul matMul -> new SlicedMatMul(matMul, resources);
            case Op.RmsNorm rmsNorm -> new RmsNormKernel(rmsNorm, resources);
            case Op.SwiGlu swiGlu -> new SwiGluKernel(swiGlu, resources);
            case Op.Add add -> new AddKernel(add, resources);
            case Op.Softmax softmax -> new SoftmaxKernel(softmax, resources);
            case Op.Argmax argmax -> new ArgmaxKernel(argmax, resources);
            case Op.Gather gather -> new GatherKernel(gather, resources);
            case Op.Rope rope -> new RopeKernel(rope, resources);
            case Op.StoreKv storeKv -> new StoreKvKernel(storeKv, resources);
            case Op.Attention attention -> new AttentionKernel(attention, resources);
        };
    }

    @Override
    public List<Op> ops() {
        return ops;
    }

    @Override
    public Step largestStep() {
        return largestStep;
    }

    @Override
    public void run(Step step) {
        memory.requireOpen();
        step.requireWithin(largestStep);
        for (CpuKernel kernel : kernels) {
            kernel.run(step);
        }
    }

    @Override
    public void run(Step step, OpTimes times) {
        memory.requireOpen();
        step.requireWithin(largestStep);
        times.requireSizedFor(this);
        times.time(step, opRunner);
    }
}
