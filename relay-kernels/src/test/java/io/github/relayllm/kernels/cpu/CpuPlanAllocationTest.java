package io.github.relayllm.kernels.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.relayllm.kernels.backend.BackendOptions;
import io.github.relayllm.kernels.backend.Buffer;
import io.github.relayllm.kernels.backend.ExecutionPlan;
import io.github.relayllm.kernels.backend.Op;
import io.github.relayllm.kernels.backend.OpTimes;
import io.github.relayllm.kernels.backend.RopeLayout;
import io.github.relayllm.kernels.backend.RowCount;
import io.github.relayllm.kernels.backend.Step;
import io.github.relayllm.kernels.opcheck.BackendDriver;
import io.github.relayllm.kernels.opcheck.RandomTensors;
import io.github.relayllm.kernels.tensor.DType;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Running a compiled plan, timed or not, allocates nothing on the Java heap once the JIT has compiled it, on the
 * calling thread or on the pool's threads (measured with the allocation counters of {@link
 * com.sun.management.ThreadMXBean}).
 *
 * <p>It runs in a JVM of its own (the {@code cpu-allocation} surefire execution): what C2 can prove
 * about allocations depends on the profiles every earlier test left behind.
 *
 * <p>The plan holds every op but {@link Op.MatMul}, whose allocation is up to the dtype's {@code
 * MatMulKernel}: the portable fallback decodes into a fresh array per call.
 */
class CpuPlanAllocationTest {
    @Test
    void runningAPlanAllocatesNothing() throws InterruptedException {
        Random random = new Random(1);
        try (CpuBackend backend = new CpuBackend(new BackendOptions(2))) {
            BackendDriver d = new BackendDriver(backend);
            int width = 64;
            int headDim = 16;
            Buffer x = d.rows(RandomTensors.rows(random, 3, width, 1f));
            Buffer h = d.zeros(DType.F32, 3, width);
            Buffer k = d.rows(RandomTensors.rows(random, 3, width, 1f));
            Buffer cache = d.zeros(DType.F16, 32, width);
            Buffer norm = d.upload(DType.BF16, RandomTensors.uniform(random, width, 1f), width);
            Buffer frequencies = d.upload(DType.F32, RandomTensors.uniform(random, headDim / 2, 1f), headDim / 2);
            Buffer table = backend.weights(RandomTensors.matrix(DType.Q4_K, 10, 256, random));
            Buffer embedded = d.zeros(DType.F32, 3, 256);
            Buffer logits = d.zeros(DType.F32, 1, width);
            Buffer token = d.ints(new int[3]);
            Buffer positions = d.ints(5, 6, 7);
            List<Op> ops = List.of(
                    new Op.Embed(table, d.ints(1, 2, 9), embedded),
                    new Op.RmsNorm(x, norm, h, width, 1e-6f, RowCount.TOKENS),
                    new Op.Rope(h, positions, frequencies, headDim, RopeLayout.HALVES),
                    new Op.Rope(k, positions, frequencies, headDim, RopeLayout.ADJACENT),
                    new Op.StoreKv(k, k, cache, cache, d.ints(5, 6, 7)),
                    new Op.Attention(h, cache, cache, d.ints(1, 0), d.ints(0, 0, 0), positions, h, headDim, 16, 0.25f),
                    new Op.SwiGlu(h, x, h, RowCount.TOKENS),
                    new Op.Add(h, x, x, RowCount.TOKENS),
                    new Op.Gather(x, d.ints(2), logits),
                    new Op.Softmax(logits, logits, RowCount.OUTPUTS),
                    new Op.Argmax(logits, token));
            Step step = new Step(3, 1);
            ExecutionPlan plan = backend.compile(ops, step);
            OpTimes times = new OpTimes(ops.size());
            PoolAllocations allocations = PoolAllocations.ofCallerAndPool();
            assertThat(allocations.threadCount()).isGreaterThan(1);
            long bytes = allocations.onceWarm(() -> {
                for (int i = 0; i < 500; i++) {
                    plan.run(step);
                    plan.run(step, times);
                }
            });
            assertThat(bytes)
                    .as("bytes allocated by 500 untimed and 500 timed runs once warm")
                    .isZero();
        }
    }
}
