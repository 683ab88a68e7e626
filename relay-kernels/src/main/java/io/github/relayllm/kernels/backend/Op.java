package io.github.relayllm.kernels.backend;

import io.github.relayllm.kernels.tensor.DType;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The op vocabulary: everything a Llama- or Qwen-style decoder needs, and nothing else. Each op is a
 * record of the buffers it reads and writes and its static parameters; constructing one checks that
 * the buffers fit together, so a plan that compiles runs without shape errors.
 *
 * <p>Activations are F32 {@code [rows, width]}; ops process {@link RowCount#TOKENS} or {@link
 * RowCount#OUTPUTS} rows of a {@link Step}, each row independently. An op's output may be one of its
 * inputs (in place) where its record says so.
 */
public sealed interface Op {

    /** Which of a step's row counts the op processes. */
    RowCount rows();

    /** Every buffer the op reads or writes, so that a backend can check it owns them all. */
    List<Buffer> buffers();

    /**
     * The most rows the op's buffers let it process: the row capacity of its activations (its per-row
     * int inputs hold at least as many entries, as the constructors check).
     */
    long rowCapacity();

    /**
     * Checks that the op's buffers hold the rows {@code step} makes it process.
     *
     * @throws IllegalArgumentException if they hold fewer
     */
    default void requireFits(Step step) {
        int rows = rows().of(step);
        if (rows > rowCapacity()) {
            throw new IllegalArgumentException(
                    "%s processes %d rows in a step of %d tokens and %d outputs, but its buffers hold %d"
                            .formatted(getClass().getSimpleName(), rows, step.tokens(), step.outputs(), rowCapacity()));
        }
    }

    /** Looks up the rows of {@code table} (any dtype, decoded to F32) for the step's token ids. */
    record Embed(Buffer table, Buffer tokenIds, Buffer out) implements Op {
        public Embed {
            requireInts("token ids", tokenIds);
            requireActivations("out", out);
            requireWidth("out", out, table.width());
            requireEntries("token ids", tokenIds, out.rows());
        }

        @Override
        public RowCount rows() {
            return RowCount.TOKENS;
        }

        @Override
        public List<Buffer> buffers() {
            return List.of(table, tokenIds, out);
        }

        @Override
        public long rowCapacity() {
            return out.rows();
        }
    }

    /**
     * RMS normalization of each group of {@code groupWidth} elements of a row, scaled by {@code weight}
     * ({@code [groupWidth]}): a group is the whole row for the block norms and one head for Qwen3's
     * q/k norms. {@code out} may be {@code in}.
     */
    record RmsNorm(Buffer in, Buffer weight, Buffer out, int groupWidth, float eps, RowCount rows) implements Op {
        public RmsNorm {
            requireActivations("in", in);
            requireActivations("out", out);
            requireSameShape("out", out, in);
            requireReal("weight", weight);
            if (groupWidth <= 0
                    || in.width() % groupWidth != 0
                    || weight.shape().elementCount() != groupWidth) {
                throw new IllegalArgumentException("rms norm groups of %d over rows of %d with a weight of %s"
                        .formatted(groupWidth, in.width(), weight.shape()));
            }
            if (!(eps > 0) || Float.isInfinite(eps)) {
                throw new IllegalArgumentException("rms norm epsilon must be positive: " + eps);
            }
            Objects.requireNonNull(rows, "rows");
        }

        @Override
        public List<Buffer> buffers() {
            return List.of(in, weight, out);
        }

        @Override
        public long rowCapacity() {
            return in.rows();
        }
    }

    /**
     * {@code out = in · weightᵀ (+ bias)}: {@code weight} is {@code [n, k]} in any dtype, {@code in}
     * {@code [rows, k]}, {@code out} {@code [rows, n]}, {@code bias} F32 {@code [n]}. The reduction
     * over {@code k} for one output element is the same whatever the number of rows.
     */
    record MatMul(Buffer weight, Buffer in, Buffer out, Optional<Buffer> bias, RowCount rows) implements Op {
        public MatMul {
            requireActivations("in", in);
            requireActivations("out", out);
            if (weight.shape().rank() != 2 || weight.dtype().isInteger()) {
                throw new IllegalArgumentException("matmul weights must be a real or quantized matrix, not %s %s"
                        .formatted(weight.dtype(), weight.shape()));
            }
            requireWidth("in", in, weight.width());
            requireWidth("out", out, Math.toIntExact(weight.rows()));
            requireRows("out", out, in.rows());
            Objects.requireNonNull(bias, "bias");
            bias.ifPresent(b -> {
                requireActivations("bias", b);
                if (b.shape().elementCount() != weight.rows()) {
                    throw new IllegalArgumentException(
                            "a bias of %s for %d outputs".formatted(b.shape(), weight.rows()));
                }
            });
            Objects.requireNonNull(rows, "rows");
        }

        @Override
        public List<Buffer> buffers() {
            return bias.map(b -> List.of(weight, in, out, b)).orElseGet(() -> List.of(weight, in, out));
        }

        @Override
        public long rowCapacity() {
            return in.rows();
        }
    }

    /**
     * Rotary position embedding, in place: each head of {@code headDim} elements of a token row of
     * {@code x} is rotated by the token's position ({@code positions}, I32) times the pair's inverse
     * frequency ({@code inverseFrequencies}, F32 {@code [headDim / 2]}, with any scaling applied).
     */
    record Rope(Buffer x, Buffer positions, Buffer inverseFrequencies, int headDim, RopeLayout layout) implements Op {
        public Rope {
            requireActivations("x", x);
            requireInts("positions", positions);
            requireEntries("positions", positions, x.rows());
            if (headDim <= 0 || headDim % 2 != 0 || x.width() % headDim != 0) {
                throw new IllegalArgumentException("rope heads of %d over rows of %d".formatted(headDim, x.width()));
            }
            requireActivations("inverse frequencies", inverseFrequencies);
            if (inverseFrequencies.shape().elementCount() != headDim / 2) {
                throw new IllegalArgumentException(
                        "%s inverse frequencies for heads of %d".formatted(inverseFrequencies.shape(), headDim));
            }
            Objects.requireNonNull(layout, "layout");
        }

        @Override
        public RowCount rows() {
            return RowCount.TOKENS;
        }

        @Override
        public List<Buffer> buffers() {
            return List.of(x, positions, inverseFrequencies);
        }

        @Override
        public long rowCapacity() {
            return x.rows();
        }
    }

    /**
     * Writes each token row of {@code k} and {@code v} into the caches (F32 or F16, {@code [slots,
     * width]}) at the row's slot ({@code slots}, I32): the host maps (sequence, position) to a slot
     * through the sequence's block table.
     */
    record StoreKv(Buffer k, Buffer v, Buffer kCache, Buffer vCache, Buffer slots) implements Op {
        public StoreKv {
            requireActivations("k", k);
            requireSameShape("v", v, k);
            requireCache("k cache", kCache, k.width());
            requireCache("v cache", vCache, k.width());
            requireInts("slots", slots);
            requireEntries("slots", slots, k.rows());
        }

        @Override
        public RowCount rows() {
            return RowCount.TOKENS;
        }

        @Override
        public List<Buffer> buffers() {
            return List.of(k, v, kCache, vCache, slots);
        }

        @Override
        public long rowCapacity() {
            return k.rows();
        }
    }

    /**
     * Causal attention of each token row over its own sequence's cache. Row {@code r} belongs to
     * sequence {@code rowSequence[r]} at position {@code rowPosition[r]} and attends to that
     * sequence's positions {@code 0..rowPosition[r]}; position {@code p} sits at slot {@code
     * blockTables[s][p / blockSize] * blockSize + p % blockSize}, where {@code blockTables} is {@code
     * [sequences, blocks per sequence]} (its rows and width as a {@link Buffer} sees them). Grouped-query: query head {@code h}
     * reads key/value head {@code h / (heads / kvHeads)}. Scores are scaled by {@code scale} and
     * soft-maxed in F32.
     */
    record Attention(
            Buffer q,
            Buffer kCache,
            Buffer vCache,
            Buffer blockTables,
            Buffer rowSequence,
            Buffer rowPosition,
            Buffer out,
            int headDim,
            int blockSize,
            float scale)
            implements Op {
        public Attention {
            requireActivations("q", q);
            requireSameShape("out", out, q);
            if (headDim <= 0 || q.width() % headDim != 0 || kCache.width() % headDim != 0) {
                throw new IllegalArgumentException("attention heads of %d over q rows of %d and cache rows of %d"
                        .formatted(headDim, q.width(), kCache.width()));
            }
            requireCache("k cache", kCache, kCache.width());
            requireCache("v cache", vCache, kCache.width());
            int heads = q.width() / headDim;
            int kvHeads = kCache.width() / headDim;
            if (heads % kvHeads != 0) {
                throw new IllegalArgumentException(
                        "%d query heads are not a multiple of %d key/value heads".formatted(heads, kvHeads));
            }
            if (blockSize <= 0 || kCache.rows() % blockSize != 0) {
                throw new IllegalArgumentException(
                        "cache of %d slots in blocks of %d".formatted(kCache.rows(), blockSize));
            }
            requireInts("block tables", blockTables);
            requireInts("row sequence", rowSequence);
            requireInts("row position", rowPosition);
            requireEntries("row sequence", rowSequence, q.rows());
            requireEntries("row position", rowPosition, q.rows());
            if (!(scale > 0) || Float.isInfinite(scale)) {
                throw new IllegalArgumentException("attention scale must be positive: " + scale);
            }
        }

        @Override
        public RowCount rows() {
            return RowCount.TOKENS;
        }

        @Override
        public List<Buffer> buffers() {
            return List.of(q, kCache, vCache, blockTables, rowSequence, rowPosition, out);
        }

        @Override
        public long rowCapacity() {
            return q.rows();
        }

        public int heads() {
            return q.width() / headDim;
        }

        public int kvHeads() {
            return kCache.width() / headDim;
        }
    }

    /** {@code out = silu(gate) * up}, elementwise; {@code out} may be {@code gate} or {@code up}. */
    record SwiGlu(Buffer gate, Buffer up, Buffer out, RowCount rows) implements Op {
        public SwiGlu {
            requireActivations("gate", gate);
            requireSameShape("up", up, gate);
            requireSameShape("out", out, gate);
            Objects.requireNonNull(rows, "rows");
        }

        @Override
        public List<Buffer> buffers() {
            return List.of(gate, up, out);
        }

        @Override
        public long rowCapacity() {
            return gate.rows();
        }
    }

    /** {@code out = a + b}, elementwise; {@code out} may be {@code a} or {@code b} (residuals). */
    record Add(Buffer a, Buffer b, Buffer out, RowCount rows) implements Op {
        public Add {
            requireActivations("a", a);
            requireSameShape("b", b, a);
            requireSameShape("out", out, a);
            Objects.requireNonNull(rows, "rows");
        }

        @Override
        public List<Buffer> buffers() {
            return List.of(a, b, out);
        }

        @Override
        public long rowCapacity() {
            return a.rows();
        }
    }

    /** Copies the token rows {@code rowIndices} (I32, one per output row) of {@code in} to {@code out}. */
    record Gather(Buffer in, Buffer rowIndices, Buffer out) implements Op {
        public Gather {
            requireActivations("in", in);
            requireActivations("out", out);
            requireWidth("out", out, in.width());
            requireInts("row indices", rowIndices);
            requireEntries("row indices", rowIndices, out.rows());
        }

        @Override
        public RowCount rows() {
            return RowCount.OUTPUTS;
        }

        @Override
        public List<Buffer> buffers() {
            return List.of(in, rowIndices, out);
        }

        @Override
        public long rowCapacity() {
            return out.rows();
        }
    }

    /** Softmax of each row; {@code out} may be {@code in}. */
    record Softmax(Buffer in, Buffer out, RowCount rows) implements Op {
        public Softmax {
            requireActivations("in", in);
            requireSameShape("out", out, in);
            Objects.requireNonNull(rows, "rows");
        }

        @Override
        public List<Buffer> buffers() {
            return List.of(in, out);
        }

        @Override
        public long rowCapacity() {
            return in.rows();
        }
    }

    /**
     * The index of each output row's largest value (the first, on ties) into {@code out} (I32), or
     * {@value #NOT_FINITE} for a row holding a NaN or +infinity: a model that overflowed has no
     * meaningful next token, and the host learns so without reading the row.
     */
    record Argmax(Buffer logits, Buffer out) implements Op {
        /** What a row holding a NaN or +infinity gets instead of an index. */
        public static final int NOT_FINITE = -1;

        public Argmax {
            requireActivations("logits", logits);
            requireInts("out", out);
            requireEntries("out", out, logits.rows());
        }

        @Override
        public RowCount rows() {
            return RowCount.OUTPUTS;
        }

        @Override
        public List<Buffer> buffers() {
            return List.of(logits, out);
        }

        @Override
        public long rowCapacity() {
            return logits.rows();
        }
    }

    private static void requireActivations(String what, Buffer buffer) {
        if (buffer.dtype() != DType.F32) {
            throw new IllegalArgumentException("%s must be F32, not %s".formatted(what, buffer.dtype()));
        }
    }

    private static void requireReal(String what, Buffer buffer) {
        if (buffer.dtype() != DType.F32 && buffer.dtype() != DType.F16 && buffer.dtype() != DType.BF16) {
            throw new IllegalArgumentException("%s must be F32, F16 or BF16, not %s".formatted(what, buffer.dtype()));
        }
    }

    private static void requireInts(String what, Buffer buffer) {
        if (buffer.dtype() != DType.I32) {
            throw new IllegalArgumentException("%s must be I32, not %s".formatted(what, buffer.dtype()));
        }
    }

    private static void requireCache(String what, Buffer cache, int width) {
        if (cache.dtype() != DType.F32 && cache.dtype() != DType.F16) {
            throw new IllegalArgumentException("%s must be F32 or F16, not %s".formatted(what, cache.dtype()));
        }
        requireWidth(what, cache, width);
    }

    private static void requireWidth(String what, Buffer buffer, int width) {
        if (buffer.width() != width) {
            throw new IllegalArgumentException(
                    "%s has rows of %d, expected %d (shape %s)".formatted(what, buffer.width(), width, buffer.shape()));
        }
    }

    /** An I32 buffer of one entry per row must have at least {@code rows} entries. */
    private static void requireEntries(String what, Buffer buffer, long rows) {
        if (buffer.shape().elementCount() < rows) {
            throw new IllegalArgumentException("%s holds %d entries, fewer than the %d rows it serves"
                    .formatted(what, buffer.shape().elementCount(), rows));
        }
    }

    private static void requireRows(String what, Buffer buffer, long rows) {
        if (buffer.rows() < rows) {
            throw new IllegalArgumentException(
                    "%s holds %d rows, fewer than the %d it must serve".formatted(what, buffer.rows(), rows));
        }
    }

    private static void requireSameShape(String what, Buffer buffer, Buffer like) {
        if (buffer.dtype() != like.dtype() || !buffer.shape().equals(like.shape())) {
            throw new IllegalArgumentException("%s is %s %s, expected %s %s"
                    .formatted(what, buffer.dtype(), buffer.shape(), like.dtype(), like.shape()));
        }
    }
}
