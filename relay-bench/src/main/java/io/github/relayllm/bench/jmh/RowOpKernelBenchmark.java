package io.github.relayllm.bench.jmh;

import io.github.relayllm.bench.perf.LayerShape;
import io.github.relayllm.kernels.backend.Buffer;
import io.github.relayllm.kernels.backend.Op;
import io.github.relayllm.kernels.backend.RopeLayout;
import io.github.relayllm.kernels.backend.RowCount;
import io.github.relayllm.kernels.backend.Step;
import io.github.relayllm.kernels.tensor.DType;
import java.util.List;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * A backend's row-wise ops through the Backend SPI, each a one-op plan at the widths a Qwen3 layer
 * ({@link LayerShape}) gives it: {@code rmsnorm} over the hidden width, {@code rope} over the query
 * heads (half-split pairs, positions at the end of a 4096-token context), {@code swiglu} over the FFN
 * width into a buffer of its own (in place, as the transformer runs it, every run would feed on the last
 * one's output, which decays into subnormal floats within a few hundred runs: x86 computes those about
 * 30 times slower, and the benchmark measured that instead of the kernel); {@code argmax} over rows
 * of logits a vocabulary wide, the greedy step's last op. {@code rows} 1 is a decode step, 64 a prefill
 * chunk. These ops are small next to the matmuls: at 1 row they mostly measure the cost of starting
 * an op.
 */
public class RowOpKernelBenchmark extends PlanBenchmark {
    private static final int CONTEXT = 4096;

    @Param({"rmsnorm", "rope", "swiglu", "argmax"})
    public String op;

    @Param({"qwen3-0.6b", "qwen3-1.7b", "qwen3-8b"})
    public String model;

    @Param({"1", "64"})
    public int rows;

    @Setup(Level.Trial)
    public void compile() {
        LayerShape layer = LayerShape.of(model);
        RandomBuffers buffers = open();
        Op one = switch (op) {
            case "rmsnorm" ->
                new Op.RmsNorm(
                        buffers.gaussian(DType.F32, rows, layer.hidden()),
                        buffers.gaussian(DType.F32, layer.hidden()),
                        buffers.gaussian(DType.F32, rows, layer.hidden()),
                        layer.hidden(),
                        1e-6f,
                        RowCount.TOKENS);
            case "rope" -> {
                int[] positions = new int[rows];
                for (int i = 0; i < rows; i++) {
                    positions[i] = CONTEXT - rows + i;
                }
                yield new Op.Rope(
                        buffers.gaussian(DType.F32, rows, layer.queryDim()),
                        buffers.ints(positions),
                        buffers.gaussian(DType.F32, layer.headDim() / 2),
                        layer.headDim(),
                        RopeLayout.HALVES);
            }
            case "swiglu" -> {
                Buffer gate = buffers.gaussian(DType.F32, rows, layer.ffn());
                Buffer out = buffers.gaussian(DType.F32, rows, layer.ffn());
                yield new Op.SwiGlu(gate, buffers.gaussian(DType.F32, rows, layer.ffn()), out, RowCount.TOKENS);
            }
            case "argmax" ->
                new Op.Argmax(
                        buffers.gaussian(DType.F32, rows, LayerShape.vocabulary(model)), buffers.ints(new int[rows]));
            default ->
                throw new IllegalArgumentException("unknown op " + op + "; known: rmsnorm, rope, swiglu, argmax");
        };
        step = new Step(rows, rows);
        plan = device.compile(List.of(one), step);
    }
}
