package io.github.relayllm.bench.jmh;

import io.github.relayllm.kernels.backend.Buffer;
import io.github.relayllm.kernels.backend.ExecutionPlan;
import io.github.relayllm.kernels.backend.Op;
import io.github.relayllm.kernels.backend.RowCount;
import io.github.relayllm.kernels.backend.Step;
import io.github.relayllm.kernels.tensor.DType;
import io.github.relayllm.kernels.tensor.Shape;
import java.util.List;
import java.util.Optional;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One decode matvec (3072x1024, Qwen3-0.6B's gate projection) of {@code dtype}, measured after a
 * matvec of {@code first} has run alone to a steady state in the same JVM: what a relay pair or a
 * server that loads a second model of another dtype does. The JIT compiles the kernels' shared code
 * with what it has seen so far, and a kernel that arrives second can run several times slower than on
 * its own ({@code MatMulKernels.entryPoint} explains the F16 case it guards against).
 * Compare with {@code -p first=} equal to {@code dtype}, or with {@code MatMulKernelBenchmark}. Five
 * warm-up iterations: the kernel arriving second is interpreted, then recompiled, for the first two.
 */
@Warmup(iterations = 5, time = 1)
public class MatMulAfterOtherDTypeBenchmark extends PlanBenchmark {
    private static final int N = 3072;
    private static final int K = 1024;
    private static final int FIRST_RUNS = 6000;

    @Param({"Q8_0", "Q6_K"})
    public String first;

    @Param({"F16", "Q4_K"})
    public String dtype;

    @Setup(Level.Trial)
    public void compile() {
        RandomBuffers buffers = open();
        step = new Step(1, 1);
        ExecutionPlan earlier = matvec(buffers, parse(first));
        for (int i = 0; i < FIRST_RUNS; i++) {
            earlier.run(step);
        }
        plan = matvec(buffers, parse(dtype));
    }

    private ExecutionPlan matvec(RandomBuffers buffers, DType type) {
        Buffer in = buffers.gaussian(DType.F32, 1, K);
        Buffer out = device.allocate(DType.F32, Shape.of(1, N));
        Op matMul = new Op.MatMul(buffers.weights(type, N, K), in, out, Optional.empty(), RowCount.TOKENS);
        return device.compile(List.of(matMul), step);
    }

    private static DType parse(String name) {
        return DType.fromName(name).orElseThrow(() -> new IllegalArgumentException("unknown dtype " + name));
    }
}
