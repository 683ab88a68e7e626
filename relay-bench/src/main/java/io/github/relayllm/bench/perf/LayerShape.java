package io.github.relayllm.bench.perf;

import io.github.relayllm.core.model.ModelConfig;
import io.github.relayllm.core.model.ModelShapes;
import java.util.List;

/**
 * The sizes of one transformer layer of a published model, as the kernel benchmarks run it: the
 * widths of the residual stream, the attention heads and the feed-forward layer. One source for the
 * benchmarks and for the table that turns their times into GB/s and GFLOP/s, so the two agree on
 * what a benchmark did.
 *
 * <p>Invariants: every size is positive and {@code heads} is a multiple of {@code kvHeads}.
 *
 * @param hidden width of the residual stream
 * @param heads query heads
 * @param kvHeads key/value heads
 * @param headDim width of one head
 * @param ffn width of the SwiGLU feed-forward layer
 */
public record LayerShape(int hidden, int heads, int kvHeads, int headDim, int ffn) {
    /** The matrices of a layer by name, in the order the transformer multiplies by them. */
    public static final List<String> MATRIX_NAMES = List.of("q", "k", "v", "o", "gate", "up", "down");

    public LayerShape {
        if (hidden < 1 || heads < 1 || kvHeads < 1 || headDim < 1 || ffn < 1 || heads % kvHeads != 0) {
            throw new IllegalArgumentException("a layer of hidden %d, %d heads over %d kv heads of %d, ffn %d"
                    .formatted(hidden, heads, kvHeads, headDim, ffn));
        }
    }

    /**
     * The layer of the model {@link ModelShapes} calls {@code model} ({@code qwen3-0.6b}, ...).
     *
     * @throws IllegalArgumentException if no model has that name; the message lists the names
     */
    public static LayerShape of(String model) {
        ModelConfig config = config(model);
        return new LayerShape(
                config.hiddenSize(), config.headCount(), config.kvHeadCount(), config.headDim(), config.ffnSize());
    }

    private static ModelConfig config(String model) {
        return ModelShapes.byName(model)
                .orElseThrow(() -> new IllegalArgumentException(
                        "no model shape '%s'; known: %s".formatted(model, ModelShapes.names())));
    }

    /**
     * The vocabulary of the model {@link ModelShapes} calls {@code model}: the width of a row of logits,
     * which the greedy step's argmax reads. Not a size of the layer, but of the same published model.
     *
     * @throws IllegalArgumentException if no model has that name; the message lists the names
     */
    public static int vocabulary(String model) {
        return config(model).vocabSize();
    }

    /** Width of all query heads together. */
    public int queryDim() {
        return heads * headDim;
    }

    /** Width of all key (or value) heads together. */
    public int kvDim() {
        return kvHeads * headDim;
    }

    /**
     * The weight matrix called {@code name} (one of {@link #MATRIX_NAMES}).
     *
     * @throws IllegalArgumentException for any other name
     */
    public Matrix matrix(String name) {
        return switch (name) {
            case "q" -> new Matrix(name, hidden, queryDim());
            case "k", "v" -> new Matrix(name, hidden, kvDim());
            case "o" -> new Matrix(name, queryDim(), hidden);
            case "gate", "up" -> new Matrix(name, hidden, ffn);
            case "down" -> new Matrix(name, ffn, hidden);
            default ->
                throw new IllegalArgumentException(
                        "no matrix '%s' in a layer; known: %s".formatted(name, MATRIX_NAMES));
        };
    }

    /** Every weight matrix of the layer, in the order of {@link #MATRIX_NAMES}. */
    public List<Matrix> matrices() {
        return MATRIX_NAMES.stream().map(this::matrix).toList();
    }

    /**
     * A weight matrix that maps rows of {@code k} values to rows of {@code n}; stored as {@code n}
     * rows of {@code k}, as GGUF stores them.
     *
     * @param name its name in {@link #MATRIX_NAMES}
     * @param k input width
     * @param n output width
     */
    public record Matrix(String name, int k, int n) {}
}
