package io.github.relayllm.kernels.opencl;

import io.github.relayllm.kernels.backend.Buffer;
import io.github.relayllm.kernels.backend.ExecutionPlan;
import io.github.relayllm.kernels.backend.Op;
import io.github.relayllm.kernels.backend.Step;
import io.github.relayllm.kernels.backend.StepInputs;
import io.github.relayllm.kernels.tensor.DType;
import io.github.relayllm.kernels.tensor.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * A plan on the device: one {@link ClLaunch} per op (or per fused pair of ops) with its buffers bound,
 * built once. {@link #run} checks the step's indices on the host, enqueues every launch on the in-order
 * queue and waits once.
 */
final class OpenClPlan implements ExecutionPlan {
    private final OpenClBackend backend;
    private final List<Op> ops;
    private final Step largestStep;
    private final List<ClLaunch> launches;
    private final List<ClBuffer> intOutputs = new ArrayList<>();

    OpenClPlan(OpenClBackend backend, List<Op> ops, Step largestStep) {
        this.backend = backend;
        this.ops = ops;
        this.largestStep = largestStep;
        this.launches =
                ClLaunches.compile(ops, largestStep, new ClKernels(backend.context(), backend.programs(), floats ->
                        (ClBuffer) backend.allocate(DType.F32, Shape.of(floats))));
        for (Op op : ops) {
            if (op instanceof Op.Argmax argmax) {
                intOutputs.add((ClBuffer) argmax.out());
            }
        }
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
        backend.requireOpen();
        step.requireWithin(largestStep);
        for (Op op : ops) {
            StepInputs.check(op, step, backend::hostInts);
        }
        for (ClLaunch launch : launches) {
            launch.enqueue(step);
        }
        backend.context().finish();
        for (ClBuffer written : intOutputs) {
            written.markWrittenOnDevice();
        }
    }

    /** Releases the plan's kernel objects (the backend does, when it closes). */
    void release() {
        for (ClLaunch launch : launches) {
            launch.kernels().forEach(ClKernel::close);
        }
    }

    static ClBuffer device(Buffer buffer) {
        return (ClBuffer) buffer;
    }
}
