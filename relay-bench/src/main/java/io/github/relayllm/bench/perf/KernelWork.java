package io.github.relayllm.bench.perf;

import io.github.relayllm.kernels.tensor.DType;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one invocation of a kernel benchmark moves and computes: the bytes it reads and writes in
 * memory, and its floating-point operations. Divided by the time JMH measured, they give GB/s (to
 * hold against the machine's memory bandwidth) and GFLOP/s.
 *
 * <p>The counts are the work the op must do, not what a kernel happens to do: every weight and
 * activation once, a multiply-add as two operations, {@code exp} as one, caches ignored. They are
 * defined here for the benchmarks of {@code io.github.relayllm.bench.jmh} by class name and
 * parameter names, which this class and those benchmarks must keep in step.
 *
 * @param bytes bytes read and written per invocation
 * @param flops floating-point operations per invocation
 */
public record KernelWork(double bytes, double flops) {
    /** Bytes of an F32 activation. */
    private static final int FLOAT = Float.BYTES;

    public KernelWork {
        if (!(bytes >= 0) || !(flops >= 0)) {
            throw new IllegalArgumentException("negative work: %s bytes, %s flops".formatted(bytes, flops));
        }
    }

    /**
     * The work of one invocation of {@code benchmark} (JMH's full name: {@code
     * package.Class.method}) with {@code params}; empty for a benchmark whose work is not counted
     * here, such as the tokenizer's.
     *
     * @throws IllegalArgumentException if a parameter this needs is missing or malformed
     */
    public static Optional<KernelWork> of(String benchmark, Map<String, String> params) {
        String[] parts = benchmark.split("\\.");
        String type = parts.length >= 2 ? parts[parts.length - 2] : benchmark;
        return switch (type) {
            case "MatMulKernelBenchmark" -> Optional.of(matMul(params));
            case "AttentionKernelBenchmark" -> Optional.of(attention(params));
            case "RowOpKernelBenchmark" -> Optional.of(rowOp(params));
            default -> Optional.empty();
        };
    }

    /**
     * {@code rows} input rows times the weights named by {@code matrix}: one of the layer's, or
     * {@code layer} for all seven. Weights are read once whatever the rows.
     */
    static KernelWork matMul(Map<String, String> params) {
        LayerShape layer = LayerShape.of(param(params, "model"));
        DType dtype = DType.fromName(param(params, "dtype"))
                .orElseThrow(() -> new IllegalArgumentException("unknown dtype " + params.get("dtype")));
        int rows = intParam(params, "rows");
        String matrix = param(params, "matrix");
        List<LayerShape.Matrix> matrices = matrix.equals("layer") ? layer.matrices() : List.of(layer.matrix(matrix));
        double bytes = 0;
        double flops = 0;
        for (LayerShape.Matrix m : matrices) {
            bytes += (double) dtype.byteSize(m.k()) * m.n() + (double) rows * (m.k() + m.n()) * FLOAT;
            flops += 2.0 * rows * m.k() * m.n();
        }
        return new KernelWork(bytes, flops);
    }

    /**
     * The last {@code rows} positions of a context of {@code context} tokens (one decode row unless the
     * parameter says more; result files from before it have none) attending over an F16 cache: every
     * key and value read once; per query head, row and position it attends to, a dot product with the
     * key and a multiply-add of the value ({@code 4 headDim} operations).
     */
    static KernelWork attention(Map<String, String> params) {
        LayerShape layer = LayerShape.of(param(params, "model"));
        int context = intParam(params, "context");
        long rows = params.containsKey("rows") ? intParam(params, "rows") : 1;
        double cache = 2.0 * context * layer.kvDim() * DType.F16.byteSize(1);
        double bytes = cache + 2.0 * rows * layer.queryDim() * FLOAT;
        double attended = rows * context - rows * (rows - 1) / 2.0;
        return new KernelWork(bytes, 4.0 * layer.heads() * layer.headDim() * attended);
    }

    /** RMSNorm over the hidden width, RoPE over the query heads, SwiGLU over the FFN width. */
    static KernelWork rowOp(Map<String, String> params) {
        LayerShape layer = LayerShape.of(param(params, "model"));
        double rows = intParam(params, "rows");
        return switch (param(params, "op")) {
            // read x and the weight, write y; square-add, then scale and weight: 4 per element
            case "rmsnorm" -> new KernelWork((2 * rows + 1) * layer.hidden() * FLOAT, 4 * rows * layer.hidden());
            // each pair: 4 multiplies and 2 adds, in place; the frequencies and positions are tiny
            case "rope" ->
                new KernelWork(
                        2 * rows * layer.queryDim() * FLOAT + (layer.headDim() / 2 + rows) * FLOAT,
                        3 * rows * layer.queryDim());
            // read gate and up, write out; g / (1 + exp(-g)) * u: 5 counting exp as one
            case "swiglu" -> new KernelWork(3 * rows * layer.ffn() * FLOAT, 5 * rows * layer.ffn());
            // read the logits once for the maximum (the scan for its index rereads part of them from
            // cache); one comparison per logit
            case "argmax" -> {
                double logits = rows * LayerShape.vocabulary(param(params, "model"));
                yield new KernelWork(logits * FLOAT + rows * Integer.BYTES, logits);
            }
            default -> throw new IllegalArgumentException("unknown row op " + params.get("op"));
        };
    }

    private static String param(Map<String, String> params, String name) {
        String value = params.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing parameter '%s' in %s".formatted(name, params));
        }
        return value;
    }

    private static int intParam(Map<String, String> params, String name) {
        String value = param(params, name);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter '%s' is not a whole number: %s".formatted(name, value));
        }
    }
}
