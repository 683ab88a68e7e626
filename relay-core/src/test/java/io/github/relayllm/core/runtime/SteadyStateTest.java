package io.github.relayllm.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.ThreadMXBean;
import io.github.relayllm.core.model.ModelShapes;
import io.github.relayllm.core.model.synth.RandomModel;
import io.github.relayllm.kernels.tensor.DType;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The steady state of decoding on the CPU backend: a step allocates nothing on the Java heap, on
 * the driving thread or the backend's workers; and a quantized model is used where it is mapped, so
 * loading it costs about its file size in memory, not a dequantized copy.
 */
class SteadyStateTest {
    @TempDir
    Path dir;

    /** Each dtype whose single-row matmul reads the mapped weights in place. */
    @ParameterizedTest
    @EnumSource(
            value = DType.class,
            names = {"Q8_0", "F16", "BF16"})
    void aDecodeStepAllocatesNothing(DType dtype) throws IOException {
        Path model = dir.resolve("qwen3.gguf");
        var shape = TinyQwen3.shape(2, 2048)
                .hiddenSize(128)
                .headDim(32)
                .ffnSize(256)
                .build();
        RandomModel.of("alloc", shape, Optional.empty(), dtype, 3).writeGguf(model);
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (LoadedModel loaded = LoadedModel.open(model, "cpu", LoadedModel.limits(16, 1));
                Session session = loaded.session()) {
            // The JIT compiles the kernels in stages, and a method still running in C1 boxes its
            // vectors; the steady state is reached once the whole step runs in C2 code. Each cycle
            // rewinds to the prompt and decodes the same positions, so later cycles take exactly the
            // paths earlier ones compiled.
            long[] ids = relayThreads(threads);
            long allocated = -1;
            for (int cycle = 0; cycle < MAX_WARM_UP_CYCLES && allocated != 0; cycle++) {
                allocated = bytesAllocatedByACycle(session, threads, ids);
            }
            // A real allocation on the decode path shows in every cycle. A cycle during which the JIT
            // swaps in a recompiled method may allocate a few bytes once (an array or a vector it
            // usually scalar-replaces, while C1 code runs), more often on a loaded machine, and the
            // last recompilations can come a few cycles apart: two clean cycles within eight is the
            // steady state, which a per-step allocation never reaches.
            long[] cycles = new long[MEASURED_CYCLES];
            int measured = 0;
            int clean = 0;
            while (measured < cycles.length && clean < 2) {
                cycles[measured] = bytesAllocatedByACycle(session, threads, ids);
                clean += cycles[measured++] == 0 ? 1 : 0;
            }
            assertThat(clean)
                    .as(
                            "%s: cycles of %d decode steps that allocated nothing, of %s bytes after warm-up",
                            dtype, STEPS_PER_CYCLE, Arrays.toString(Arrays.copyOf(cycles, measured)))
                    .isGreaterThanOrEqualTo(2);
        }
    }

    private static final int MAX_WARM_UP_CYCLES = 150;
    private static final int MEASURED_CYCLES = 8;
    private static final int STEPS_PER_CYCLE = 64;

    /** Rewinds to a four-token prompt and decodes {@link #STEPS_PER_CYCLE} tokens after it. */
    private static long bytesAllocatedByACycle(Session session, ThreadMXBean threads, long[] ids) {
        session.evaluate(new int[] {5, 6, 7, 8});
        long before = allocatedBytes(threads, ids);
        for (int i = 0; i < STEPS_PER_CYCLE; i++) {
            session.decode(100 + i);
            session.argmax();
        }
        return allocatedBytes(threads, ids) - before;
    }

    /** The calling thread and the CPU backend's workers. */
    private static long[] relayThreads(ThreadMXBean threads) {
        long self = Thread.currentThread().threadId();
        return Arrays.stream(threads.getThreadInfo(threads.getAllThreadIds()))
                .filter(info -> info != null
                        && (info.getThreadId() == self || info.getThreadName().startsWith("relay-cpu-")))
                .mapToLong(info -> info.getThreadId())
                .toArray();
    }

    /** Summed one thread at a time: the array-returning query would allocate inside the window. */
    private static long allocatedBytes(ThreadMXBean threads, long[] ids) {
        long sum = 0;
        for (long id : ids) {
            sum += threads.getThreadAllocatedBytes(id);
        }
        return sum;
    }

    @Test
    void aQ8_0ModelCostsAboutItsFileSizeInMemory() throws IOException {
        Path model = dir.resolve("q8.gguf");
        var shape = ModelShapes.byName("qwen3-0.6b").orElseThrow().toBuilder()
                .layerCount(4)
                .build();
        RandomModel.of("rss", shape, Optional.empty(), DType.Q8_0, 4).writeGguf(model);
        long fileSize = Files.size(model);
        System.gc();
        long before = residentBytes();
        try (LoadedModel loaded = LoadedModel.open(model, "cpu", new RunnerLimits(16, 1, 1, 8, 16, 8, DType.F16));
                Session session = loaded.session()) {
            session.evaluate(new int[] {1, 2, 3});
            session.decode(4); // every weight has been read once
            long grown = residentBytes() - before;
            assertThat((double) grown / fileSize)
                    .as("resident growth %d for a file of %d", grown, fileSize)
                    .isLessThan(1.1);
        }
    }

    private static long residentBytes() throws IOException {
        String statm = Files.readString(Path.of("/proc/self/statm")).trim();
        return Long.parseLong(statm.split(" ")[1]) * 4096;
    }
}
