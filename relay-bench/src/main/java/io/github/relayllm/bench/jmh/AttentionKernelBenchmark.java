package io.github.relayllm.bench.jmh;

import io.github.relayllm.bench.perf.LayerShape;
import io.github.relayllm.kernels.backend.Buffer;
import io.github.relayllm.kernels.backend.ExecutionPlan;
import io.github.relayllm.kernels.backend.Op;
import io.github.relayllm.kernels.backend.Step;
import io.github.relayllm.kernels.tensor.DType;
import io.github.relayllm.kernels.tensor.Shape;
import java.util.List;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * A backend's attention through the Backend SPI, for the last {@code rows} positions of a context of
 * {@code context} tokens: with {@code rows} 1 (the default) one decode row, with {@code -p rows=128
 * -p context=128} a prefill chunk of 128 tokens from an empty cache. The rows' query heads attend to an
 * F16 key/value cache in blocks of {@value #BLOCK}, laid out in reverse order in the cache as a
 * long-running server's block table would be, not in one contiguous run. Heads come from the model's {@link LayerShape} (Qwen3-1.7B has 0.6B's heads,
 * so it is left out by default; {@code -p model=qwen3-1.7b} runs it).
 */
public class AttentionKernelBenchmark extends PlanBenchmark {
    private static final int BLOCK = 16;
    private static final int WARM_UP_CONTEXT = 4 * BLOCK;
    private static final int WARM_UP_RUNS = 3000;

    @Param({"qwen3-0.6b", "qwen3-8b"})
    public String model;

    @Param({"512", "1024", "2048", "4096", "8192"})
    public int context;

    @Param("1")
    public int rows;

    @Setup(Level.Trial)
    public void compile() {
        LayerShape layer = LayerShape.of(model);
        RandomBuffers buffers = open();
        if (rows < 1 || rows > context) {
            throw new IllegalArgumentException("rows must be 1 to context (%d), not %d".formatted(context, rows));
        }
        // The kernel's first runs are interpreted and take seconds at long contexts, more than the
        // warm-up iterations hold: compile it on a short context first, where a run costs microseconds.
        int warmUpRows = Math.min(rows, WARM_UP_CONTEXT);
        Step warmUp = new Step(warmUpRows, warmUpRows);
        ExecutionPlan small = plan(layer, buffers, WARM_UP_CONTEXT, warmUpRows, warmUp);
        for (int i = 0; i < WARM_UP_RUNS; i++) {
            small.run(warmUp);
        }
        step = new Step(rows, rows);
        plan = plan(layer, buffers, context, rows, step);
    }

    private ExecutionPlan plan(LayerShape layer, RandomBuffers buffers, int positions, int queryRows, Step largest) {
        int blocks = positions / BLOCK;
        int[] table = new int[blocks];
        for (int b = 0; b < blocks; b++) {
            table[b] = blocks - 1 - b;
        }
        Buffer tables = device.allocate(DType.I32, Shape.of(1, blocks));
        device.write(tables, table);
        int[] rowPositions = new int[queryRows];
        for (int r = 0; r < queryRows; r++) {
            rowPositions[r] = positions - queryRows + r;
        }
        Op attention = new Op.Attention(
                buffers.gaussian(DType.F32, queryRows, layer.queryDim()),
                buffers.gaussian(DType.F16, positions, layer.kvDim()),
                buffers.gaussian(DType.F16, positions, layer.kvDim()),
                tables,
                buffers.ints(new int[queryRows]),
                buffers.ints(rowPositions),
                device.allocate(DType.F32, Shape.of(queryRows, layer.queryDim())),
                layer.headDim(),
                BLOCK,
                (float) (1 / Math.sqrt(layer.headDim())));
        return device.compile(List.of(attention), largest);
    }
}
