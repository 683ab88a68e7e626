package io.github.relayllm.core.model;

/**
 * The row order llama.cpp's converter gives the Q and K projections of Llama checkpoints, so that
 * RoPE can rotate adjacent pairs (2i, 2i+1) instead of Hugging Face's halves (i, i + head_dim/2).
 *
 * <p>Within each head of {@code headDim} rows, Hugging Face row {@code half * headDim/2 + i} becomes
 * GGUF row {@code 2i + half}. Only GGUF files of the {@code llama} architecture are permuted (see
 * {@link Architecture#ggufRopePairing()}); a reader that keeps the permuted rows must use {@link
 * RopePairing#ADJACENT}, and one that keeps Hugging Face rows {@link RopePairing#NEOX}. Both compute
 * the same model.
 */
public final class QkPermutation {
    private QkPermutation() {}

    /** The Hugging Face row stored at GGUF row {@code ggufRow} of a Q or K projection. */
    public static long hfRowOf(long ggufRow, int headDim) {
        requireEven(headDim);
        long head = ggufRow / headDim;
        int within = (int) (ggufRow % headDim);
        int half = within % 2;
        int pair = within / 2;
        return head * headDim + (long) half * (headDim / 2) + pair;
    }

    /** The GGUF row at which Hugging Face row {@code hfRow} of a Q or K projection is stored. */
    public static long ggufRowOf(long hfRow, int headDim) {
        requireEven(headDim);
        long head = hfRow / headDim;
        int within = (int) (hfRow % headDim);
        int half = within / (headDim / 2);
        int pair = within % (headDim / 2);
        return head * headDim + 2L * pair + half;
    }

    private static void requireEven(int headDim) {
        if (headDim <= 0 || headDim % 2 != 0) {
            throw new IllegalArgumentException("head dim must be positive and even: " + headDim);
        }
    }
}
