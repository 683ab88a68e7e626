package io.github.relayllm.kernels.backend;

/** Which elements of a head RoPE rotates together. */
public enum RopeLayout {
    /** Elements (2i, 2i + 1): GGUF Llama files. */
    ADJACENT,
    /** Elements (i, i + headDim / 2): NeoX, Hugging Face checkpoints, GGUF Qwen files. */
    HALVES
}
