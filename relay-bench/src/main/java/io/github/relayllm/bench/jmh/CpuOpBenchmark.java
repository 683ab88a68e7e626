package io.github.relayllm.bench.jmh;

import io.github.relayllm.kernels.backend.Backend;
import io.github.relayllm.kernels.backend.BackendOptions;
import io.github.relayllm.kernels.backend.Backends;
import io.github.relayllm.kernels.backend.Buffer;
import io.github.relayllm.kernels.backend.ExecutionPlan;
import io.github.relayllm.kernels.backend.Op;
import io.github.relayllm.kernels.backend.RopeLayout;
import io.github.relayllm.kernels.backend.RowCount;
import io.github.relayllm.kernels.backend.Step;
import io.github.relayllm.kernels.tensor.DType;
import io.github.relayllm.kernels.tensor.Shape;
import java.lang.foreign.Arena;
import java.util.List;
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
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The CPU backend's non-matmul ops on the shapes of one Qwen3-0.6B layer (hidden 1024, 16 query and
 * 8 key/value heads of 128, FFN 3072), through the Backend SPI as the transformer calls them: a
 * one-op plan run for a decode step (1 row) or a prefill chunk (64 rows). Attention runs at the end
 * of a 4096-token context in blocks of 16. {@code add-2x16k} is two rows of 16384 floats, one per
 * thread: with 2 threads it shows what a fork/join of the worker pool costs on top of the work.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class CpuOpBenchmark {
    private static final int HIDDEN = 1024;
    private static final int HEADS = 16;
    private static final int KV_HEADS = 8;
    private static final int HEAD_DIM = 128;
    private static final int FFN = 3072;
    private static final int CONTEXT = 4096;
    private static final int BLOCK = 16;

    @Param({"rmsnorm", "rope", "swiglu", "attention-f32", "attention-f16", "add-2x16k"})
    public String op;

    @Param({"1", "64"})
    public int rows;

    @Param({"1", "2"})
    public int threads;

    private Backend backend;
    private ExecutionPlan plan;
    private Step step;
    private RandomBuffers buffers;

    @Setup(Level.Trial)
    public void compile() {
        backend = Backends.create("cpu", new BackendOptions(threads));
        // No weights among these ops: the arena RandomBuffers keeps them in stays empty.
        buffers = new RandomBuffers(backend, Arena.ofAuto());
        int tokens = op.equals("add-2x16k") ? 2 : rows;
        step = new Step(tokens, tokens);
        plan = backend.compile(List.of(build(tokens)), step);
    }

    @TearDown(Level.Trial)
    public void close() {
        backend.close();
    }

    @Benchmark
    public void run() {
        plan.run(step);
    }

    private Op build(int tokens) {
        return switch (op) {
            case "rmsnorm" ->
                new Op.RmsNorm(
                        buffers.gaussian(DType.F32, tokens, HIDDEN),
                        buffers.gaussian(DType.F32, HIDDEN),
                        buffers.gaussian(DType.F32, tokens, HIDDEN),
                        HIDDEN,
                        1e-6f,
                        RowCount.TOKENS);
            case "rope" ->
                new Op.Rope(
                        buffers.gaussian(DType.F32, tokens, HEADS * HEAD_DIM),
                        positions(tokens),
                        buffers.gaussian(DType.F32, HEAD_DIM / 2),
                        HEAD_DIM,
                        RopeLayout.HALVES);
            case "swiglu" -> {
                Buffer gate = buffers.gaussian(DType.F32, tokens, FFN);
                // A separate output: in place, repeated runs decay into subnormals (see RowOpKernelBenchmark).
                yield new Op.SwiGlu(
                        gate,
                        buffers.gaussian(DType.F32, tokens, FFN),
                        buffers.gaussian(DType.F32, tokens, FFN),
                        RowCount.TOKENS);
            }
            case "attention-f32" -> attention(DType.F32, tokens);
            case "attention-f16" -> attention(DType.F16, tokens);
            case "add-2x16k" -> {
                Buffer a = buffers.gaussian(DType.F32, 2, 16384);
                yield new Op.Add(a, buffers.gaussian(DType.F32, 2, 16384), a, RowCount.TOKENS);
            }
            default -> throw new IllegalArgumentException("unknown op " + op);
        };
    }

    private Op attention(DType cacheType, int tokens) {
        int blocks = CONTEXT / BLOCK;
        int[] table = new int[blocks];
        for (int b = 0; b < blocks; b++) {
            table[b] = blocks - 1 - b;
        }
        Buffer tables = backend.allocate(DType.I32, Shape.of(1, blocks));
        backend.write(tables, table);
        Buffer q = buffers.gaussian(DType.F32, tokens, HEADS * HEAD_DIM);
        return new Op.Attention(
                q,
                buffers.gaussian(cacheType, CONTEXT, KV_HEADS * HEAD_DIM),
                buffers.gaussian(cacheType, CONTEXT, KV_HEADS * HEAD_DIM),
                tables,
                buffers.ints(new int[tokens]),
                positions(tokens),
                backend.allocate(DType.F32, Shape.of(tokens, HEADS * HEAD_DIM)),
                HEAD_DIM,
                BLOCK,
                (float) (1 / Math.sqrt(HEAD_DIM)));
    }

    /** The last {@code tokens} positions of the context. */
    private Buffer positions(int tokens) {
        int[] positions = new int[tokens];
        for (int i = 0; i < tokens; i++) {
            positions[i] = CONTEXT - tokens + i;
        }
        return buffers.ints(positions);
    }
}
