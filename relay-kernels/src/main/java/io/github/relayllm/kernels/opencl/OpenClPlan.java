package io.github.relayllm.kernels.opencl;

import io.github.relayllm.kernels.backend.Buffer;
import io.github.relayllm.kernels.backend.ExecutionPlan;
import io.github.relayllm.kernels.backend.Op;
import io.github.relayllm.kernels.backend.OpTimes;
import io.github.relayllm.kernels.backend.Step;
import io.github.relayllm.kernels.backend.StepInputs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    private final List<Op> indexChecks;
    private final StepInputs.IntValues hostInts;
    // For timed runs: the launch that starts at each op (null for the second op of a fused pair).
    private final ClLaunch[] launchAtOp;
    private final OpTimes.OpRunner launchRunner;

    OpenClPlan(OpenClBackend backend, List<Op> ops, Step largestStep) {
        this.backend = backend;
        this.ops = ops;
        this.largestStep = largestStep;
        this.launches = ClLaunches.compile(ops, largestStep, backend.kernels());
        for (Op op : ops) {
            if (op instanceof Op.Argmax argmax) {
                intOutputs.add((ClBuffer) argmax.out());
            }
        }
        this.indexChecks = distinctIndexChecks(ops);
        this.hostInts = backend::hostInts;
        this.launchAtOp = new ClLaunch[ops.size()];
        int op = 0;
        for (ClLaunch launch : launches) {
            launchAtOp[op] = launch;
            op += launch.opCount();
        }
        this.launchRunner = (first, runStep) -> {
            ClLaunch launch = launchAtOp[first];
            launch.enqueue(runStep);
            backend.context().finish();
            return launch.opCount();
        };
    }

    /**
     * The ops whose indices need checking, one per distinct check: every layer's attention reads the
     * same positions and block tables against caches of the same size, so one check serves them all.
     */
    private static List<Op> distinctIndexChecks(List<Op> ops) {
        Map<List<Object>, Op> distinct = new LinkedHashMap<>();
        for (Op op : ops) {
            List<Object> key = switch (op) {
                case Op.Embed e -> List.of("Embed", e.tokenIds(), e.table().rows());
                case Op.StoreKv s -> List.of("StoreKv", s.slots(), s.kCache().rows());
                case Op.Gather g -> List.of("Gather", g.rowIndices());
                case Op.Attention a ->
                    List.of(
                            "Attention",
                            a.rowSequence(),
                            a.rowPosition(),
                            a.blockTables(),
                            a.kCache().rows(),
                            a.blockSize());
                default -> List.of();
            };
            if (!key.isEmpty()) {
                distinct.putIfAbsent(key, op);
            }
        }
        return List.copyOf(distinct.values());
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
        checkStep(step);
        for (ClLaunch launch : launches) {
            launch.enqueue(step);
        }
        backend.context().finish();
        markIntOutputsWritten();
    }

    /** Waits for each launch before the next, so that its time is its own; a fused pair's goes to its first op. */
    @Override
    public void run(Step step, OpTimes times) {
        times.requireSizedFor(this);
        checkStep(step);
        times.time(step, launchRunner);
        markIntOutputsWritten();
    }

    /** Checks on the host what the kernels would read out of bounds: the device cannot throw. */
    private void checkStep(Step step) {
        backend.requireOpen();
        step.requireWithin(largestStep);
        for (Op op : indexChecks) {
            StepInputs.check(op, step, hostInts);
        }
    }

    private void markIntOutputsWritten() {
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
