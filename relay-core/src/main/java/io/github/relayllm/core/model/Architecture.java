package io.github.relayllm.core.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * The decoder-only transformer families Relay runs. They share one forward pass; a family only
 * decides defaults that files leave implicit (which projections carry a bias, whether queries and keys
 * are normalized per head, how RoPE pairs dimensions in GGUF files).
 */
public enum Architecture {
    /** Llama 2 and 3 (and the stories/TinyLlama models): no biases, llama3 rope scaling. */
    LLAMA("llama", false, false, RopePairing.ADJACENT),
    /** Qwen2 and Qwen2.5: a bias on the Q, K and V projections. */
    QWEN2("qwen2", true, false, RopePairing.NEOX),
    /** Qwen3: RMSNorm on each query and key head, head_dim independent of the hidden size. */
    QWEN3("qwen3", false, true, RopePairing.NEOX);

    private final String id;
    private final boolean qkvBias;
    private final boolean qkNorm;
    private final RopePairing ggufRopePairing;

    Architecture(String id, boolean qkvBias, boolean qkNorm, RopePairing ggufRopePairing) {
        this.id = id;
        this.qkvBias = qkvBias;
        this.qkNorm = qkNorm;
        this.ggufRopePairing = ggufRopePairing;
    }

    /**
     * The name both GGUF ({@code general.architecture}) and Hugging Face ({@code model_type}) use for
     * this family.
     */
    public String id() {
        return id;
    }

    /** Whether the Q, K and V projections carry a bias. */
    public boolean hasQkvBias() {
        return qkvBias;
    }

    /** Whether each query and key head is RMS-normalized before RoPE. */
    public boolean hasQkNorm() {
        return qkNorm;
    }

    /**
     * RoPE pairing of this family's GGUF files. llama.cpp's converter permutes the Q and K rows of
     * Llama checkpoints so that rotated pairs are adjacent; Hugging Face checkpoints of every family,
     * and GGUF files of the Qwen families, pair dimension i with i + head_dim/2.
     */
    public RopePairing ggufRopePairing() {
        return ggufRopePairing;
    }

    /** The family called {@code id} in a GGUF or config.json file, if Relay supports it. */
    public static Optional<Architecture> fromId(String id) {
        return Arrays.stream(values()).filter(a -> a.id.equals(id)).findFirst();
    }
}
