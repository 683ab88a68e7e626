package io.github.relayllm.core.runtime;

import static io.github.relayllm.core.model.WeightKind.*;
import static io.github.relayllm.kernels.backend.RowCount.OUTPUTS;
import static io.github.relayllm.kernels.backend.RowCount.TOKENS;

import io.github.relayllm.core.model.ModelConfig;
import io.github.relayllm.core.model.RopePairing;
import io.github.relayllm.kernels.backend.Backend;
import io.github.relayllm.kernels.backend.Buffer;
import io.github.relayllm.kernels.backend.Op;
import io.github.relayllm.kernels.backend.RopeLayout;
import io.github.relayllm.kernels.backend.RowCount;
import io.github.relayllm.kernels.tensor.DType;
import io.github.relayllm.kernels.tensor.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The forward pass of every supported model (Llama 2/3, Qwen2/2.5, Qwen3) as one list of backend ops,
 * read top to bottom like llama2.c: embed the tokens; per layer, attention then feed-forward, each
 * behind an RMSNorm and added back to the residual stream; gather the rows whose logits are wanted;
 * final norm; output projection; argmax. The configuration, not the family, decides the optional
 * parts: Q/K/V biases (Qwen2), per-head q/k norms (Qwen3), the RoPE layout, tied embeddings.
 *
 * <p>Built once per model and backend; the list is compiled into an execution plan and replayed
 * every step.
 */
final class ForwardPass {
    private final ModelConfig config;
    private final WeightBuffers weights;
    private final StepInputs inputs;
    private final KvCaches caches;
    private final Buffer inverseFrequencies;
    private final int blockSize;

    // The residual stream and scratch activations, [tokens, width] (output rows: [outputs, width]).
    final Buffer x;
    private final Buffer normed;
    private final Buffer q;
    private final Buffer k;
    private final Buffer v;
    private final Buffer attention;
    private final Buffer projected;
    private final Buffer gate;
    private final Buffer up;
    private final Buffer outputRows;
    final Buffer logits;

    ForwardPass(
            ModelConfig config,
            Backend backend,
            WeightBuffers weights,
            StepInputs inputs,
            KvCaches caches,
            Buffer inverseFrequencies,
            RunnerLimits limits) {
        this.config = config;
        this.weights = weights;
        this.inputs = inputs;
        this.caches = caches;
        this.inverseFrequencies = inverseFrequencies;
        this.blockSize = limits.blockSize();
        int tokens = limits.maxTokensPerStep();
        int outputs = limits.maxOutputsPerStep();
        x = activations(backend, tokens, config.hiddenSize());
        normed = activations(backend, tokens, config.hiddenSize());
        q = activations(backend, tokens, config.queryDim());
        k = activations(backend, tokens, config.kvDim());
        v = activations(backend, tokens, config.kvDim());
        attention = activations(backend, tokens, config.queryDim());
        projected = activations(backend, tokens, config.hiddenSize());
        gate = activations(backend, tokens, config.ffnSize());
        up = activations(backend, tokens, config.ffnSize());
        outputRows = activations(backend, outputs, config.hiddenSize());
        logits = activations(backend, outputs, config.vocabSize());
    }

    List<Op> ops() {
        List<Op> ops = new ArrayList<>(residualOps(config.layerCount()));
        ops.add(new Op.Gather(x, inputs.outputRows(), outputRows));
        ops.add(rmsNorm(outputRows, weights.global(OUTPUT_NORM), outputRows, config.hiddenSize(), OUTPUTS));
        Buffer output = config.tiedEmbeddings() ? weights.global(TOKEN_EMBEDDING) : weights.global(OUTPUT);
        ops.add(new Op.MatMul(output, outputRows, logits, Optional.empty(), OUTPUTS));
        ops.add(new Op.Argmax(logits, inputs.argmax()));
        return List.copyOf(ops);
    }

    /**
     * The pass up to the residual stream after the first {@code layers} layers (0: the embedding
     * alone), leaving it in {@link #x}: replaying a prefix is how a step's first non-finite value is
     * located.
     */
    List<Op> residualOps(int layers) {
        List<Op> ops = new ArrayList<>();
        ops.add(new Op.Embed(weights.global(TOKEN_EMBEDDING), inputs.tokenIds(), x));
        for (int layer = 0; layer < layers; layer++) {
            attentionBlock(ops, layer);
            feedForwardBlock(ops, layer);
        }
        return ops;
    }

    /** x += Wo · attention(rope(Wq·n), rope(Wk·n), Wv·n) where n = rmsnorm(x). */
    private void attentionBlock(List<Op> ops, int layer) {
        ops.add(rmsNorm(x, weights.layer(ATTENTION_NORM, layer), normed, config.hiddenSize(), TOKENS));
        ops.add(matMul(weights.layer(ATTENTION_Q, layer), normed, q, weights.optionalLayer(ATTENTION_Q_BIAS, layer)));
        ops.add(matMul(weights.layer(ATTENTION_K, layer), normed, k, weights.optionalLayer(ATTENTION_K_BIAS, layer)));
        ops.add(matMul(weights.layer(ATTENTION_V, layer), normed, v, weights.optionalLayer(ATTENTION_V_BIAS, layer)));
        if (config.qkNorm()) {
            ops.add(rmsNorm(q, weights.layer(ATTENTION_Q_NORM, layer), q, config.headDim(), TOKENS));
            ops.add(rmsNorm(k, weights.layer(ATTENTION_K_NORM, layer), k, config.headDim(), TOKENS));
        }
        RopeLayout layout = config.ropePairing() == RopePairing.ADJACENT ? RopeLayout.ADJACENT : RopeLayout.HALVES;
        ops.add(new Op.Rope(q, inputs.positions(), inverseFrequencies, config.headDim(), layout));
        ops.add(new Op.Rope(k, inputs.positions(), inverseFrequencies, config.headDim(), layout));
        ops.add(new Op.StoreKv(k, v, caches.keys(layer), caches.values(layer), inputs.slots()));
        ops.add(new Op.Attention(
                q,
                caches.keys(layer),
                caches.values(layer),
                inputs.blockTables(),
                inputs.rowSequence(),
                inputs.positions(),
                attention,
                config.headDim(),
                blockSize,
                (float) (1 / Math.sqrt(config.headDim()))));
        ops.add(matMul(weights.layer(ATTENTION_OUTPUT, layer), attention, projected, Optional.empty()));
        ops.add(new Op.Add(x, projected, x, TOKENS));
    }

    /** x += Wdown · (silu(Wgate·n) * Wup·n) where n = rmsnorm(x). */
    private void feedForwardBlock(List<Op> ops, int layer) {
        ops.add(rmsNorm(x, weights.layer(FFN_NORM, layer), normed, config.hiddenSize(), TOKENS));
        ops.add(matMul(weights.layer(FFN_GATE, layer), normed, gate, Optional.empty()));
        ops.add(matMul(weights.layer(FFN_UP, layer), normed, up, Optional.empty()));
        ops.add(new Op.SwiGlu(gate, up, gate, TOKENS));
        ops.add(matMul(weights.layer(FFN_DOWN, layer), gate, projected, Optional.empty()));
        ops.add(new Op.Add(x, projected, x, TOKENS));
    }

    private Op rmsNorm(Buffer in, Buffer weight, Buffer out, int groupWidth, RowCount rows) {
        return new Op.RmsNorm(in, weight, out, groupWidth, (float) config.normEps(), rows);
    }

    private static Op matMul(Buffer weight, Buffer in, Buffer out, Optional<Buffer> bias) {
        return new Op.MatMul(weight, in, out, bias, TOKENS);
    }

    private static Buffer activations(Backend backend, int rows, int width) {
        return backend.allocate(DType.F32, Shape.of(rows, width));
    }
}
