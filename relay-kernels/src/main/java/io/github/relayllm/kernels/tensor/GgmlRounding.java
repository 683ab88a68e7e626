package io.github.relayllm.kernels.tensor;

/**
 * The ways GGML's reference quantizers turn a scaled float into an integer. They differ on ties and
 * on out-of-range values, and a quantized file matches llama.cpp's byte for byte only if each
 * quantizer uses the conversion GGML uses.
 */
final class GgmlRounding {
    private static final float INT_RANGE = 0x1p31f;
    private static final float ONE_AND_A_HALF_TIMES_2_TO_23 = 12582912f;
    private static final int MANTISSA_MASK = 0x007f_ffff;
    private static final int HALF_MANTISSA = 0x0040_0000;

    private GgmlRounding() {}

    /**
     * C's {@code roundf}: to the nearest integer, ties away from zero ({@code 2.5 -> 3}, {@code -2.5 ->
     * -3}), where {@link Math#round} would round {@code -2.5} up to {@code -2}. Infinities and NaN are
     * returned as they are.
     */
    static float roundHalfAwayFromZero(float value) {
        float magnitude = Math.abs(value);
        float whole = (float) Math.floor(magnitude);
        // magnitude - whole is exact: the fraction of a float is itself a float.
        if (magnitude - whole >= 0.5f) {
            whole += 1;
        }
        return Math.copySign(whole, value);
    }

    /**
     * GGML's {@code nearest_int}: adds 1.5 * 2^23, so that the float addition itself rounds to the
     * nearest integer (ties to even), and reads that integer from the low mantissa bits. Equal to
     * {@link Math#rint} for magnitudes up to 2^22, the range GGML asserts; beyond it (only reached when
     * an inverse scale overflows) the result is GGML's, not a rounded value.
     */
    static int nearestInt(float value) {
        float shifted = value + ONE_AND_A_HALF_TIMES_2_TO_23;
        return (Float.floatToRawIntBits(shifted) & MANTISSA_MASK) - HALF_MANTISSA;
    }

    /**
     * C's cast of a float to {@code int8_t} or {@code uint8_t} as compiled for x86: truncate toward
     * zero and keep the low byte, returned as a signed value. NaN and values beyond the {@code int}
     * range give 0, the low byte of x86's "integer indefinite" {@code 0x80000000}; the quantizers meet
     * those only in blocks so small that the inverse scale overflows.
     */
    static int truncateToByte(float value) {
        if (!(Math.abs(value) < INT_RANGE)) {
            return 0;
        }
        return (byte) (int) value;
    }
}
