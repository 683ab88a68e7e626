package io.github.relayllm.kernels.tensor;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The scalar reference codecs, one per {@link DType}: every type has a {@link BlockDecoder}; F32,
 * F16, BF16, F64, Q4_0, Q4_1, Q5_0, Q5_1, Q8_0 and Q8_K also have a {@link BlockEncoder}.
 *
 * <pre>{@code
 * float[] row = new float[4096];
 * BlockCodecs.decoder(DType.Q4_K).decode(weights, rowOffset, row, 0, row.length);
 * }</pre>
 *
 * <p>The codecs are built once and shared; they are stateless and thread-safe.
 */
public final class BlockCodecs {
    private static final Map<DType, BlockCodec> CODECS = createAll();

    private BlockCodecs() {}

    /** The decoder of {@code dtype}; every type has one. */
    public static BlockDecoder decoder(DType dtype) {
        return CODECS.get(Objects.requireNonNull(dtype, "dtype"));
    }

    /** The encoder of {@code dtype}, or empty when GGML's quantizer for it is not reproduced here. */
    public static Optional<BlockEncoder> encoder(DType dtype) {
        return CODECS.get(Objects.requireNonNull(dtype, "dtype")) instanceof BlockEncoder encoder
                ? Optional.of(encoder)
                : Optional.empty();
    }

    /** The types that have an encoder, in declaration order (a new, modifiable set). */
    public static Set<DType> encodableTypes() {
        Set<DType> types = EnumSet.noneOf(DType.class);
        CODECS.forEach((dtype, codec) -> {
            if (codec instanceof BlockEncoder) {
                types.add(dtype);
            }
        });
        return types;
    }

    private static Map<DType, BlockCodec> createAll() {
        Map<DType, BlockCodec> codecs = new EnumMap<>(DType.class);
        for (DType dtype : DType.values()) {
            codecs.put(dtype, create(dtype));
        }
        return codecs;
    }

    // No default branch: a new DType without a codec does not compile.
    private static BlockCodec create(DType dtype) {
        return switch (dtype) {
            case F32 -> new F32Codec();
            case F16 -> new F16Codec();
            case BF16 -> new BF16Codec();
            case F64 -> new F64Codec();
            case I8, I16, I32, I64 -> new IntegerCodec(dtype);
            case Q4_0 -> new Q4_0Codec();
            case Q4_1 -> new Q4_1Codec();
            case Q5_0 -> new Q5_0Codec();
            case Q5_1 -> new Q5_1Codec();
            case Q8_0 -> new Q8_0Codec();
            case Q2_K -> new Q2_KCodec();
            case Q3_K -> new Q3_KCodec();
            case Q4_K -> new Q4_KCodec();
            case Q5_K -> new Q5_KCodec();
            case Q6_K -> new Q6_KCodec();
            case Q8_K -> new Q8_KCodec();
        };
    }
}
