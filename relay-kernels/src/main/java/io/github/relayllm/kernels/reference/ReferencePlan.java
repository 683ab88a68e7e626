package io.github.relayllm.kernels.reference;

import io.github.relayllm.kernels.backend.ExecutionPlan;
import io.github.relayllm.kernels.backend.Op;
import io.github.relayllm.kernels.backend.OpTimes;
import io.github.relayllm.kernels.backend.Step;
import io.github.relayllm.kernels.host.HostMemory;
import java.util.List;

/** Runs the ops in order, each through its scalar implementation. Allocates freely: it is the reference. */
final class ReferencePlan implements ExecutionPlan {
    private final HostMemory memory;
    private final List<Op> ops;
    private final Step largestStep;
    // Runs one op by index, for OpTimes.time.
    private final OpTimes.OpRunner opRunner;

    ReferencePlan(HostMemory memory, List<Op> ops, Step largestStep) {
        this.memory = memory;
        this.ops = ops;
        this.largestStep = largestStep;
        this.opRunner = (op, runStep) -> {
            run(ops.get(op), runStep);
            return 1;
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
        for (Op op : ops) {
            run(op, step);
        }
    }

    @Override
    public void run(Step step, OpTimes times) {
        memory.requireOpen();
        step.requireWithin(largestStep);
        times.requireSizedFor(this);
        times.time(step, opRunner);
    }

    private static void run(Op op, Step step) {
        int rows = op.rows().of(step);
        switch (op) {
            case Op.Embed embed -> WeightOps.embed(embed, rows);
            case Op.MatMul matMul -> WeightOps.matMul(matMul, rows);
            case Op.RmsNorm rmsNorm -> RowOps.rmsNorm(rmsNorm, rows);
            case Op.SwiGlu swiGlu -> RowOps.swiGlu(swiGlu, rows);
            case Op.Add add -> RowOps.add(add, rows);
            case Op.Softmax softmax -> RowOps.softmax(softmax, rows);
            case Op.Argmax argmax -> RowOps.argmax(argmax, rows);
            case Op.Gather gather -> RowOps.gather(gather, rows, step.tokens());
            case Op.Rope rope -> RotaryOps.rope(rope, rows);
            case Op.StoreKv storeKv -> CacheOps.storeKv(storeKv, rows);
            case Op.Attention attention -> CacheOps.attention(attention, rows);
        }
    }
}
