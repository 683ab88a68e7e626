package io.github.relayllm.bench.jmh;

import io.github.relayllm.kernels.backend.Backend;
import io.github.relayllm.kernels.backend.ExecutionPlan;
import io.github.relayllm.kernels.backend.Step;
import java.lang.foreign.Arena;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the kernel benchmarks through the Backend SPI share: the backend named by {@code -p backend=},
 * host memory for their random inputs, and one compiled plan that each invocation runs once at its
 * step. A subclass builds {@link #plan} and {@link #step} in its {@code @Setup} after {@link #open};
 * the settings (1 fork, 2 warm-up and 3 measured iterations of 1 s) keep the suite on one backend to
 * minutes. Closing the backend frees what the plan holds.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public abstract class PlanBenchmark {
    @Param("cpu")
    public String backend;

    protected Backend device;
    protected ExecutionPlan plan;
    protected Step step;
    private Arena arena;

    /** Opens the backend and the host memory: the buffers to build the plan from. */
    protected final RandomBuffers open() {
        device = KernelBackends.open(backend);
        arena = Arena.ofShared();
        return new RandomBuffers(device, arena);
    }

    @TearDown(Level.Trial)
    public void close() {
        if (device != null) {
            device.close();
        }
        if (arena != null) {
            arena.close();
        }
    }

    @Benchmark
    public void run() {
        plan.run(step);
    }
}
