package io.github.relayllm.kernels.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.relayllm.kernels.backend.BackendOptions;
import io.github.relayllm.kernels.backend.Buffer;
import io.github.relayllm.kernels.backend.ExecutionPlan;
import io.github.relayllm.kernels.backend.Op;
import io.github.relayllm.kernels.backend.RowCount;
import io.github.relayllm.kernels.backend.Step;
import io.github.relayllm.kernels.opcheck.BackendDriver;
import io.github.relayllm.kernels.opcheck.RandomTensors;
import io.github.relayllm.kernels.tensor.DType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Matmuls of two dtypes in one process allocate nothing once warm: the case of a Q4_K_M file, whose
 * matrices are Q4_K and a few Q6_K, and of a relay pair whose models differ in dtype. The kernels
 * share their driving code, and C2 compiling that code with both dtypes' vector loops inlined ran out
 * of its inlining budget and boxed every vector: 3.9 MB per Q4_K matvec after Q6_K, for good (see
 * {@code DTypeEntry}).
 *
 * <p>It runs in a JVM of its own (the {@code cpu-allocation} surefire execution), first of all, as a
 * process that loads such a model would: what C2 compiles depends on the profiles earlier code left.
 */
class MatMulMixAllocationTest {
    /** Sixty matmuls of the first dtype for one of the second, as in a Q4_K_M decode step. */
    @ParameterizedTest(name = "{0} with some {1}, {2} rows")
    @CsvSource({"Q4_K, Q6_K, 1", "Q6_K, Q4_K, 1", "Q6_K, Q4_K, 4", "Q8_0, F16, 1", "F16, Q4_0, 11"})
    void matmulsOfTwoDTypesAllocateNothingOnceWarm(DType common, DType rare, int rows) throws InterruptedException {
        Random random = new Random(1);
        try (CpuBackend backend = new CpuBackend(new BackendOptions(2))) {
            BackendDriver d = new BackendDriver(backend);
            int k = 1024;
            int n = 256;
            Buffer in = d.rows(RandomTensors.rows(random, rows, k, 1f));
            Buffer out = d.zeros(DType.F32, rows, n);
            Buffer commonWeights = backend.weights(RandomTensors.matrix(common, n, k, random));
            Buffer rareWeights = backend.weights(RandomTensors.matrix(rare, n, k, random));
            List<Op> ops = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                ops.add(new Op.MatMul(commonWeights, in, out, Optional.empty(), RowCount.TOKENS));
            }
            ops.add(new Op.MatMul(rareWeights, in, out, Optional.empty(), RowCount.TOKENS));
            Step step = new Step(rows, 1);
            ExecutionPlan plan = backend.compile(ops, step);
            long bytes = PoolAllocations.ofCallerAndPool().onceWarm(() -> {
                for (int i = 0; i < 50; i++) {
                    plan.run(step);
                }
            });
            assertThat(bytes)
                    .as(
                            "bytes allocated by 50 runs of 60 %s and one %s matmul of %d rows once warm",
                            common, rare, rows)
                    .isZero();
        }
    }
}
