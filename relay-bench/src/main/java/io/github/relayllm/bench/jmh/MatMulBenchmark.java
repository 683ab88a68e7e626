package io.github.relayllm.bench.jmh;

import io.github.relayllm.kernels.cpu.matmul.MatMulKernel;
import io.github.relayllm.kernels.cpu.matmul.MatMulKernels;
import io.github.relayllm.kernels.cpu.matmul.MatMulScratch;
import io.github.relayllm.kernels.tensor.DType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The CPU matmul kernels on the matrices of Qwen3-0.6B: {@code k=1024 -> n=3072} (the attention
 * output and FFN projections' shape), {@code k=3072 -> n=1024} (FFN down) and {@code k=1024 ->
 * n=151936} (the LM head, 155 MB in Q8_0: far beyond every cache, so the matvec measures streaming
 * from memory).
 *
 * <ul>
 *   <li>{@code matvec}: one input row, the decode step. The {@code weightGigabytes} counter is GB/s
 *       of weights read: decode speed is bounded by memory bandwidth (about 29 GB/s here, see {@code
 *       relay-bench}'s {@code BandwidthProbe}).
 *   <li>{@code prefill}: {@value #PREFILL_ROWS} input rows, a prompt chunk; the {@code gigaflops}
 *       counter is GFLOP/s ({@code 2 rows n k} per call).
 * </ul>
 *
 * <p>{@code threads} workers split the columns in contiguous ranges, as the CPU backend does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class MatMulBenchmark {
    static final int PREFILL_ROWS = 64;
    /** Column ranges start at multiples of this, so no thread splits a kernel's column tile. */
    private static final int COLUMN_ALIGNMENT = 16;

    @Param({"F32", "F16", "BF16", "Q8_0", "Q4_0", "Q4_K", "Q6_K"})
    public String dtype;

    /** {@code k x n}: input width by output width. */
    @Param({"1024x3072", "3072x1024", "1024x151936"})
    public String shape;

    @Param({"1", "2"})
    public int threads;

    /**
     * Whether 16-bit float weights keep their subnormal numbers (about one in a thousand, as in trained
     * weights) or have them replaced by the smallest normal one: {@code false} shows what subnormals
     * cost a kernel, which should be nothing.
     */
    @Param({"true"})
    public boolean subnormals;

    private int k;
    private int n;
    private Arena arena;
    private MemorySegment weights;
    private MemorySegment in;
    private MemorySegment out;
    private MatMulKernel kernel;
    private ExecutorService workers;
    private MatMulScratch[] scratches;
    private double weightGigabytesPerCall;

    /** GB of weights read and GFLOP computed; JMH reports both per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Throughput {
        public double weightGigabytes;
        public double gigaflops;
    }

    @Setup(Level.Trial)
    public void allocate() {
        String[] sizes = shape.split("x");
        k = Integer.parseInt(sizes[0]);
        n = Integer.parseInt(sizes[1]);
        DType type = DType.valueOf(dtype);
        arena = Arena.ofShared();
        weights = RandomWeights.matrix(type, n, k, arena);
        if (!subnormals) {
            RandomWeights.replaceSubnormals(type, weights);
        }
        in = RandomWeights.activations((long) PREFILL_ROWS * k, arena);
        out = arena.allocate((long) PREFILL_ROWS * n * Float.BYTES, 64);
        kernel = MatMulKernels.forDType(type);
        workers = Executors.newFixedThreadPool(threads);
        scratches = new MatMulScratch[threads];
        for (int t = 0; t < threads; t++) {
            scratches[t] = new MatMulScratch();
        }
        weightGigabytesPerCall = type.byteSize(k) * n / 1e9;
    }

    @TearDown(Level.Trial)
    public void free() {
        workers.shutdownNow();
        arena.close();
    }

    /** One input row. */
    @Benchmark
    public MemorySegment matvec(Throughput throughput) throws InterruptedException, ExecutionException {
        run(1);
        throughput.weightGigabytes += weightGigabytesPerCall;
        throughput.gigaflops += 2.0 * n * k / 1e9;
        return out;
    }

    /** {@value #PREFILL_ROWS} input rows. */
    @Benchmark
    public MemorySegment prefill(Throughput throughput) throws InterruptedException, ExecutionException {
        run(PREFILL_ROWS);
        throughput.weightGigabytes += weightGigabytesPerCall;
        throughput.gigaflops += 2.0 * PREFILL_ROWS * n * k / 1e9;
        return out;
    }

    private void run(int rows) throws InterruptedException, ExecutionException {
        List<Future<?>> parts = new ArrayList<>(threads);
        int perThread = Math.ceilDiv(Math.ceilDiv(n, threads), COLUMN_ALIGNMENT) * COLUMN_ALIGNMENT;
        for (int first = 0, part = 0; first < n; first += perThread, part++) {
            int from = first;
            int to = Math.min(n, first + perThread);
            MatMulScratch scratch = scratches[part];
            parts.add(workers.submit(() -> kernel.multiply(weights, n, k, in, out, rows, from, to, scratch)));
        }
        for (Future<?> part : parts) {
            part.get();
        }
    }
}
