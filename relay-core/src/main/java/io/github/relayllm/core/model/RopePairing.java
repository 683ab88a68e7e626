package io.github.relayllm.core.model;

/** Which dimensions of a head RoPE rotates together. */
public enum RopePairing {
    /** Dimensions (2i, 2i + 1): the original RoPE paper and GGUF Llama files. */
    ADJACENT,
    /** Dimensions (i, i + head_dim / 2): GPT-NeoX, Hugging Face checkpoints, GGUF Qwen files. */
    NEOX
}
