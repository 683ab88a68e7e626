package io.github.relayllm.core.model;

import java.util.Optional;

/**
 * One weight of a model in Relay's naming scheme: its {@link WeightKind} and, for per-layer kinds,
 * its layer. Translates to and from the names GGUF and Hugging Face files use.
 *
 * @param kind the role of the weight
 * @param layer the layer index for per-layer kinds, {@link #GLOBAL} otherwise
 */
public record WeightName(WeightKind kind, int layer) {
    /** The layer value of weights that belong to no layer. */
    public static final int GLOBAL = -1;

    public WeightName {
        if (kind.isPerLayer() != (layer >= 0) || layer < GLOBAL) {
            throw new IllegalArgumentException(
                    "%s %s a layer index, got %d".formatted(kind, kind.isPerLayer() ? "needs" : "takes no", layer));
        }
    }

    /** A weight that belongs to no layer. */
    public static WeightName global(WeightKind kind) {
        return new WeightName(kind, GLOBAL);
    }

    /** The weight of {@code kind} in layer {@code layer}. */
    public static WeightName of(WeightKind kind, int layer) {
        return new WeightName(kind, layer);
    }

    /** The tensor name in GGUF files. */
    public String gguf() {
        return kind.isPerLayer() ? WeightKind.GGUF_LAYER_PREFIX + layer + "." + kind.ggufName() : kind.ggufName();
    }

    /** The tensor name in Hugging Face checkpoints; empty for kinds they do not store. */
    public Optional<String> hf() {
        if (kind.hfName() == null) {
            return Optional.empty();
        }
        return Optional.of(
                kind.isPerLayer() ? WeightKind.HF_LAYER_PREFIX + layer + "." + kind.hfName() : kind.hfName());
    }

    /** The weight a GGUF tensor name denotes, if it is one Relay uses. */
    public static Optional<WeightName> fromGguf(String name) {
        return parse(name, WeightKind.GGUF_LAYER_PREFIX, false);
    }

    /** The weight a Hugging Face tensor name denotes, if it is one Relay uses. */
    public static Optional<WeightName> fromHf(String name) {
        return parse(name, WeightKind.HF_LAYER_PREFIX, true);
    }

    private static Optional<WeightName> parse(String name, String layerPrefix, boolean hf) {
        int layer = GLOBAL;
        String rest = name;
        if (name.startsWith(layerPrefix)) {
            int dot = name.indexOf('.', layerPrefix.length());
            if (dot < 0) {
                return Optional.empty();
            }
            layer = parseLayer(name.substring(layerPrefix.length(), dot));
            if (layer < 0) {
                return Optional.empty();
            }
            rest = name.substring(dot + 1);
        }
        for (WeightKind kind : WeightKind.values()) {
            String kindName = hf ? kind.hfName() : kind.ggufName();
            if (kind.isPerLayer() == (layer >= 0) && rest.equals(kindName)) {
                return Optional.of(new WeightName(kind, layer));
            }
        }
        return Optional.empty();
    }

    /** The layer index written in decimal without sign or leading zeros, or -1. */
    private static int parseLayer(String digits) {
        if (digits.isEmpty() || digits.length() > 6 || (digits.length() > 1 && digits.charAt(0) == '0')) {
            return -1;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                return -1;
            }
        }
        return Integer.parseInt(digits);
    }

    @Override
    public String toString() {
        return gguf();
    }
}
