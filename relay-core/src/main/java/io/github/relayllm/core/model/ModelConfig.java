package io.github.relayllm.core.model;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Everything the forward pass needs to know about a model's shape, for every supported family and
 * both file formats. One record instead of a class per family: families differ only in these
 * values.
 *
 * <p>Invariants: every size is positive; the query heads are a whole multiple of the KV heads
 * (grouped-query attention); head_dim is even (RoPE rotates pairs) and independent of the hidden size
 * (Qwen3-0.6B has 16 heads of 128 over a hidden size of 1024).
 *
 * @param architecture the family
 * @param vocabSize rows of the embedding and output matrices
 * @param hiddenSize width of the residual stream
 * @param layerCount transformer blocks
 * @param headCount query heads
 * @param kvHeadCount key/value heads
 * @param headDim width of one head
 * @param ffnSize width of the SwiGLU feed-forward layer
 * @param ropeTheta RoPE base frequency
 * @param ropeScaling how RoPE frequencies are stretched, if at all
 * @param ropePairing which dimensions RoPE rotates together
 * @param normEps epsilon of every RMSNorm
 * @param tiedEmbeddings whether the output matrix is the token embedding matrix
 * @param qkvBias whether the Q, K and V projections carry a bias
 * @param qkNorm whether each query and key head is RMS-normalized (Qwen3)
 * @param contextLength the longest context the model was trained for
 * @param bosId the beginning-of-sequence token, if the model has one
 * @param eosIds the tokens that end generation (Qwen3 has two)
 */
public record ModelConfig(
        Architecture architecture,
        int vocabSize,
        int hiddenSize,
        int layerCount,
        int headCount,
        int kvHeadCount,
        int headDim,
        int ffnSize,
        double ropeTheta,
        RopeScaling ropeScaling,
        RopePairing ropePairing,
        double normEps,
        boolean tiedEmbeddings,
        boolean qkvBias,
        boolean qkNorm,
        int contextLength,
        OptionalInt bosId,
        List<Integer> eosIds) {

    public ModelConfig {
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(ropeScaling, "ropeScaling");
        Objects.requireNonNull(ropePairing, "ropePairing");
        Objects.requireNonNull(bosId, "bosId");
        eosIds = List.copyOf(eosIds);
        requirePositive("vocab size", vocabSize);
        requirePositive("hidden size", hiddenSize);
        requirePositive("layer count", layerCount);
        requirePositive("head count", headCount);
        requirePositive("kv head count", kvHeadCount);
        requirePositive("head dim", headDim);
        requirePositive("ffn size", ffnSize);
        requirePositive("context length", contextLength);
        if (headCount % kvHeadCount != 0) {
            throw new IllegalArgumentException(
                    "head count %d is not a multiple of kv head count %d".formatted(headCount, kvHeadCount));
        }
        if (headDim % 2 != 0) {
            throw new IllegalArgumentException("head dim must be even for RoPE: " + headDim);
        }
        if (!(ropeTheta > 0) || Double.isInfinite(ropeTheta)) {
            throw new IllegalArgumentException("rope theta must be positive and finite: " + ropeTheta);
        }
        if (!(normEps > 0) || normEps >= 1) {
            throw new IllegalArgumentException("norm epsilon must lie in (0, 1): " + normEps);
        }
        for (int id : eosIds) {
            requireToken("eos id", id, vocabSize);
        }
        bosId.ifPresent(id -> requireToken("bos id", id, vocabSize));
    }

    /** Width of all query heads together: {@code headCount * headDim}. */
    public int queryDim() {
        return headCount * headDim;
    }

    /** Width of all key (or value) heads together: {@code kvHeadCount * headDim}. */
    public int kvDim() {
        return kvHeadCount * headDim;
    }

    /** Query heads that share one KV head. */
    public int queriesPerKvHead() {
        return headCount / kvHeadCount;
    }

    /** Parameters of the model (weights and biases), for reporting. */
    public long parameterCount() {
        return WeightSchema.of(this).stream()
                .mapToLong(spec -> spec.shape().elementCount())
                .sum();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * A builder with the family's defaults (bias and q/k norm as the family has them, GGUF RoPE
     * pairing, theta 10000, no scaling, epsilon 1e-6, untied) and no sizes: set every size before
     * {@link Builder#build()}.
     */
    public static Builder builder(Architecture architecture) {
        return new Builder(architecture);
    }

    private static void requirePositive(String what, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(what + " must be positive: " + value);
        }
    }

    private static void requireToken(String what, int id, int vocabSize) {
        if (id < 0 || id >= vocabSize) {
            throw new IllegalArgumentException("%s %d is outside the vocabulary of %d".formatted(what, id, vocabSize));
        }
    }

    /** Mutable assembly of a {@link ModelConfig}; validation happens in {@link #build()}. */
    public static final class Builder {
        private Architecture architecture;
        private int vocabSize;
        private int hiddenSize;
        private int layerCount;
        private int headCount;
        private int kvHeadCount;
        private int headDim;
        private int ffnSize;
        private double ropeTheta = 10_000;
        private RopeScaling ropeScaling = new RopeScaling.None();
        private RopePairing ropePairing;
        private double normEps = 1e-6;
        private boolean tiedEmbeddings;
        private boolean qkvBias;
        private boolean qkNorm;
        private int contextLength = 4096;
        private OptionalInt bosId = OptionalInt.empty();
        private List<Integer> eosIds = List.of();

        private Builder(Architecture architecture) {
            this.architecture = Objects.requireNonNull(architecture, "architecture");
            this.ropePairing = architecture.ggufRopePairing();
            this.qkvBias = architecture.hasQkvBias();
            this.qkNorm = architecture.hasQkNorm();
        }

        private Builder(ModelConfig c) {
            architecture = c.architecture;
            vocabSize = c.vocabSize;
            hiddenSize = c.hiddenSize;
            layerCount = c.layerCount;
            headCount = c.headCount;
            kvHeadCount = c.kvHeadCount;
            headDim = c.headDim;
            ffnSize = c.ffnSize;
            ropeTheta = c.ropeTheta;
            ropeScaling = c.ropeScaling;
            ropePairing = c.ropePairing;
            normEps = c.normEps;
            tiedEmbeddings = c.tiedEmbeddings;
            qkvBias = c.qkvBias;
            qkNorm = c.qkNorm;
            contextLength = c.contextLength;
            bosId = c.bosId;
            eosIds = c.eosIds;
        }

        public Builder architecture(Architecture value) {
            architecture = value;
            return this;
        }

        public Builder vocabSize(int value) {
            vocabSize = value;
            return this;
        }

        public Builder hiddenSize(int value) {
            hiddenSize = value;
            return this;
        }

        public Builder layerCount(int value) {
            layerCount = value;
            return this;
        }

        /** Sets the query and KV head counts together. */
        public Builder heads(int queryHeads, int kvHeads) {
            headCount = queryHeads;
            kvHeadCount = kvHeads;
            return this;
        }

        public Builder headDim(int value) {
            headDim = value;
            return this;
        }

        public Builder ffnSize(int value) {
            ffnSize = value;
            return this;
        }

        public Builder ropeTheta(double value) {
            ropeTheta = value;
            return this;
        }

        public Builder ropeScaling(RopeScaling value) {
            ropeScaling = value;
            return this;
        }

        public Builder ropePairing(RopePairing value) {
            ropePairing = value;
            return this;
        }

        public Builder normEps(double value) {
            normEps = value;
            return this;
        }

        public Builder tiedEmbeddings(boolean value) {
            tiedEmbeddings = value;
            return this;
        }

        public Builder qkvBias(boolean value) {
            qkvBias = value;
            return this;
        }

        public Builder qkNorm(boolean value) {
            qkNorm = value;
            return this;
        }

        public Builder contextLength(int value) {
            contextLength = value;
            return this;
        }

        public Builder bosId(OptionalInt value) {
            bosId = value;
            return this;
        }

        public Builder eosIds(List<Integer> value) {
            eosIds = value;
            return this;
        }

        /**
         * The configuration.
         *
         * @throws IllegalArgumentException if a size is missing or the values are inconsistent
         */
        public ModelConfig build() {
            return new ModelConfig(
                    architecture,
                    vocabSize,
                    hiddenSize,
                    layerCount,
                    headCount,
                    kvHeadCount,
                    headDim,
                    ffnSize,
                    ropeTheta,
                    ropeScaling,
                    ropePairing,
                    normEps,
                    tiedEmbeddings,
                    qkvBias,
                    qkNorm,
                    contextLength,
                    bosId,
                    eosIds);
        }
    }
}
