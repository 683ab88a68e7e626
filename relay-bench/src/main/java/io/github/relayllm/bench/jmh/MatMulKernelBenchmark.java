package io.github.relayllm.bench.jmh;

import io.github.relayllm.bench.perf.LayerShape;
import io.github.relayllm.kernels.backend.Buffer;
import io.github.relayllm.kernels.backend.Op;
import io.github.relayllm.kernels.backend.RowCount;
import io.github.relayllm.kernels.backend.Step;
import io.github.relayllm.kernels.tensor.DType;
import io.github.relayllm.kernels.tensor.Shape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * A backend's matmul through the Backend SPI, on the weight matrices of one layer of a Qwen3 model
 * ({@link LayerShape}): {@code rows} 1 is the decode step's matvec, bound by the speed weights stream
 * from memory; 64 is a prefill chunk, bound by arithmetic. {@code matrix} {@code layer} (the default)
 * multiplies by all seven matrices of the layer (q, k, v, o, gate, up, down) in one plan of one
 * matmul each, as the transformer runs them; {@code -p matrix=down} (or any name of {@link
 * LayerShape#MATRIX_NAMES}) times one matrix.
 *
 * <p>Setup writes the layer's weights (772 MB for the 8B layer in F32) on the host and hands them to
 * the backend. {@code relay jmh-table} turns the times into GB/s and GFLOP/s ({@code
 * io.github.relayllm.bench.perf.KernelWork}).
 */
public class MatMulKernelBenchmark extends PlanBenchmark {
    @Param({"qwen3-0.6b", "qwen3-1.7b", "qwen3-8b"})
    public String model;

    @Param({"F32", "F16", "BF16", "Q8_0", "Q4_0", "Q4_K", "Q6_K"})
    public String dtype;

    @Param("layer")
    public String matrix;

    @Param({"1", "64"})
    public int rows;

    @Setup(Level.Trial)
    public void compile() {
        LayerShape layer = LayerShape.of(model);
        List<LayerShape.Matrix> matrices = matrix.equals("layer") ? layer.matrices() : List.of(layer.matrix(matrix));
        DType type = DType.fromName(dtype).orElseThrow(() -> new IllegalArgumentException("unknown dtype " + dtype));
        RandomBuffers buffers = open();
        Map<Integer, Buffer> inputs = new HashMap<>();
        List<Op> ops = new ArrayList<>();
        for (LayerShape.Matrix m : matrices) {
            Buffer in = inputs.computeIfAbsent(m.k(), k -> buffers.gaussian(DType.F32, rows, k));
            Buffer out = device.allocate(DType.F32, Shape.of(rows, m.n()));
            ops.add(new Op.MatMul(buffers.weights(type, m.n(), m.k()), in, out, Optional.empty(), RowCount.TOKENS));
        }
        step = new Step(rows, rows);
        plan = device.compile(ops, step);
    }
}
