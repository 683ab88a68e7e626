package io.github.relayllm.core.model;

/**
 * The roles a weight plays in the transformer, with the names GGUF (llama.cpp) and Hugging Face give
 * them. Per-layer names hold the layer index: {@code blk.3.attn_q.weight},
 * {@code model.layers.3.self_attn.q_proj.weight}.
 */
public enum WeightKind {
    TOKEN_EMBEDDING(false, "token_embd.weight", "model.embed_tokens.weight"),
    OUTPUT_NORM(false, "output_norm.weight", "model.norm.weight"),
    OUTPUT(false, "output.weight", "lm_head.weight"),
    /** Llama 3.1+ RoPE frequency divisors; only GGUF stores them (Hugging Face computes them). */
    ROPE_FREQUENCIES(false, "rope_freqs.weight", null),
    ATTENTION_NORM(true, "attn_norm.weight", "input_layernorm.weight"),
    ATTENTION_Q(true, "attn_q.weight", "self_attn.q_proj.weight"),
    ATTENTION_Q_BIAS(true, "attn_q.bias", "self_attn.q_proj.bias"),
    ATTENTION_K(true, "attn_k.weight", "self_attn.k_proj.weight"),
    ATTENTION_K_BIAS(true, "attn_k.bias", "self_attn.k_proj.bias"),
    ATTENTION_V(true, "attn_v.weight", "self_attn.v_proj.weight"),
    ATTENTION_V_BIAS(true, "attn_v.bias", "self_attn.v_proj.bias"),
    ATTENTION_Q_NORM(true, "attn_q_norm.weight", "self_attn.q_norm.weight"),
    ATTENTION_K_NORM(true, "attn_k_norm.weight", "self_attn.k_norm.weight"),
    ATTENTION_OUTPUT(true, "attn_output.weight", "self_attn.o_proj.weight"),
    FFN_NORM(true, "ffn_norm.weight", "post_attention_layernorm.weight"),
    FFN_GATE(true, "ffn_gate.weight", "mlp.gate_proj.weight"),
    FFN_UP(true, "ffn_up.weight", "mlp.up_proj.weight"),
    FFN_DOWN(true, "ffn_down.weight", "mlp.down_proj.weight");

    static final String GGUF_LAYER_PREFIX = "blk.";
    static final String HF_LAYER_PREFIX = "model.layers.";

    private final boolean perLayer;
    private final String ggufName;
    private final String hfName;

    WeightKind(boolean perLayer, String ggufName, String hfName) {
        this.perLayer = perLayer;
        this.ggufName = ggufName;
        this.hfName = hfName;
    }

    /** Whether each layer has its own weight of this kind. */
    public boolean isPerLayer() {
        return perLayer;
    }

    /** The GGUF name, without the {@code blk.N.} prefix for per-layer kinds. */
    String ggufName() {
        return ggufName;
    }

    /** The Hugging Face name, without the {@code model.layers.N.} prefix; null if HF has none. */
    String hfName() {
        return hfName;
    }

    /** Whether the Q/K rows of this weight are permuted in Llama GGUF files (see {@link QkPermutation}). */
    public boolean isRopePermuted() {
        return this == ATTENTION_Q || this == ATTENTION_Q_BIAS || this == ATTENTION_K || this == ATTENTION_K_BIAS;
    }
}
