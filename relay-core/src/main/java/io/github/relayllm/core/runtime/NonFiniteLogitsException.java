package io.github.relayllm.core.runtime;

/**
 * A step produced logits holding a NaN or +infinity, so there is no meaningful next token. The
 * exception names where the forward pass first went wrong: the token embedding, a layer, or the
 * output head (final norm and projection), found by replaying the step's prefix up to each point
 * and checking the residual stream. Typical causes: a corrupt or badly quantized weight, or
 * activations overflowing in F16 storage.
 */
public final class NonFiniteLogitsException extends ArithmeticException {
    /** {@link #layer()} when the token embedding already held a NaN or infinity. */
    public static final int EMBEDDING = -1;

    private static final long serialVersionUID = 1L;

    private final int layer;
    private final int layerCount;

    /**
     * @param layer the first layer whose output held a non-finite value, {@link #EMBEDDING}, or
     *     {@code layerCount} when every layer was finite and the output head overflowed
     */
    public NonFiniteLogitsException(int layer, int layerCount) {
        super("the logits hold a NaN or infinity, first produced by " + describe(layer, layerCount));
        this.layer = layer;
        this.layerCount = layerCount;
    }

    /** The first layer that produced a non-finite value; see the constructor for the ends. */
    public int layer() {
        return layer;
    }

    /** The model's number of layers. */
    public int layerCount() {
        return layerCount;
    }

    private static String describe(int layer, int layerCount) {
        if (layer == EMBEDDING) {
            return "the token embedding";
        }
        if (layer >= layerCount) {
            return "the output head (final norm and projection), after %d finite layers".formatted(layerCount);
        }
        return "layer %d of %d".formatted(layer, layerCount);
    }
}
