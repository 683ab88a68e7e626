package io.github.relayllm.kernels.tensor;

/**
 * Conversions between {@code float} and the two 16-bit float formats GGML stores: IEEE 754 binary16
 * ({@link DType#F16}, also every scale of the quantized blocks) and bfloat16 ({@link DType#BF16}).
 * Each value is passed as its raw bits in a {@code short}.
 *
 * <p>Narrowing follows GGML bit for bit ({@code ggml_compute_fp32_to_fp16} and {@code
 * ggml_compute_fp32_to_bf16}): round to nearest, ties to even, overflow to infinity, and a NaN becomes
 * a quiet NaN of the same sign. Widening is exact. Every method is a few integer operations.
 */
public final class HalfFloats {
    private static final int F32_SIGN = 0x8000_0000;
    private static final int F32_EXPONENT = 0x7f80_0000;
    private static final short F16_QUIET_NAN = 0x7e00;
    private static final int BF16_QUIET_BIT = 0x40;

    private HalfFloats() {}

    /** The value of the binary16 number whose bits are {@code bits} (exact). */
    public static float halfToFloat(short bits) {
        return Float.float16ToFloat(bits);
    }

    /**
     * The binary16 number nearest to {@code value}, ties to even. Values beyond the binary16 range
     * become infinities; NaN becomes {@code 0x7e00} with the sign of {@code value} (GGML drops the
     * payload, where {@link Float#floatToFloat16} would keep part of it).
     */
    public static short floatToHalf(float value) {
        if (Float.isNaN(value)) {
            int sign = (Float.floatToRawIntBits(value) & F32_SIGN) >>> 16;
            return (short) (sign | F16_QUIET_NAN);
        }
        return Float.floatToFloat16(value);
    }

    /** The value of the bfloat16 number whose bits are {@code bits} (exact: the upper half of a float). */
    public static float bfloat16ToFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xffff) << 16);
    }

    /**
     * The bfloat16 number nearest to {@code value}, ties to even; finite values too large for bfloat16
     * become infinities. NaN keeps its sign and upper payload bits and is made quiet, as GGML does.
     */
    public static short floatToBfloat16(float value) {
        int bits = Float.floatToRawIntBits(value);
        if ((bits & ~F32_SIGN) > F32_EXPONENT) {
            // Truncation alone could clear every payload bit and turn the NaN into an infinity.
            return (short) ((bits >>> 16) | BF16_QUIET_BIT);
        }
        int lowestKeptBit = (bits >>> 16) & 1;
        return (short) ((bits + 0x7fff + lowestKeptBit) >>> 16);
    }
}
