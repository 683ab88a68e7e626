package io.github.relayllm.kernels.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * The exponential and the lane sum the CPU kernels use, built only from operations IEEE 754 defines
 * exactly (add, multiply, fused multiply-add, min, max, conversions, shifts), once for a vector and
 * once for a scalar, step for step.
 *
 * <p>Why not {@code lanewise(EXP)} and {@code reduceLanes(ADD)}: the Vector API lets those differ by an
 * ulp or in summation order between the interpreter, C1 and C2 (a compiled EXP calls a vendor math
 * library; an ADD reduction may be a tree), so a row computed before and after the JIT warms up could
 * differ in its last bit, and batch invariance would depend on timing. These give the same bits on
 * every tier, and the same bits for an element whether it falls in a vector or in a row's scalar tail.
 *
 * <p>{@link #exp} is Cephes' {@code expf}: {@code x = n ln2 + r} with {@code n} the nearest integer to
 * {@code x / ln2}, a degree-6 polynomial for {@code e^r}, and {@code 2^n} applied as two powers of two
 * so that results near the overflow and subnormal ranges come out right. About 1 ulp; {@code exp(-inf)}
 * is 0, {@code exp(+inf)} infinite, NaN stays NaN.
 */
final class LaneMath {
    private static final float LOG2_E = 1.44269504088896341f;
    private static final float LN2_HIGH = 0.693359375f;
    private static final float LN2_LOW = -2.12194440e-4f;
    /** Adding and subtracting 1.5 * 2^23 rounds a float of magnitude below 2^22 to an integer. */
    private static final float ROUND = 12582912f;
    /** Below, e^x is 0 even as a subnormal float; above, it is infinite. */
    private static final float LOWEST = -104f;

    private static final float HIGHEST = 89f;
    private static final float P0 = 1.9875691500e-4f;
    private static final float P1 = 1.3981999507e-3f;
    private static final float P2 = 8.3334519073e-3f;
    private static final float P3 = 4.1665795894e-2f;
    private static final float P4 = 1.6666665459e-1f;
    private static final float P5 = 5.0000001201e-1f;
    private static final int EXPONENT_BIAS = 127;
    private static final int MANTISSA_BITS = 23;

    private LaneMath() {}

    /** e^x in every lane. */
    static FloatVector exp(FloatVector x) {
        FloatVector clamped = x.max(LOWEST).min(HIGHEST);
        FloatVector n = clamped.fma(LOG2_E, ROUND).sub(ROUND);
        FloatVector r = n.fma(constant(n, -LN2_HIGH), clamped);
        r = n.fma(constant(n, -LN2_LOW), r);
        FloatVector p = r.fma(P0, P1);
        p = p.fma(r, constant(r, P2));
        p = p.fma(r, constant(r, P3));
        p = p.fma(r, constant(r, P4));
        p = p.fma(r, constant(r, P5));
        FloatVector y = p.mul(r.mul(r)).add(r).add(1f);
        IntVector exponent = (IntVector) n.convert(VectorOperators.F2I, 0);
        IntVector half = exponent.lanewise(VectorOperators.ASHR, 1);
        return y.mul(powerOfTwo(half)).mul(powerOfTwo(exponent.sub(half)));
    }

    /** e^x, bit for bit as one lane of {@link #exp(FloatVector)}. */
    static float exp(float x) {
        float clamped = Math.min(Math.max(x, LOWEST), HIGHEST);
        float n = Math.fma(clamped, LOG2_E, ROUND) - ROUND;
        float r = Math.fma(n, -LN2_HIGH, clamped);
        r = Math.fma(n, -LN2_LOW, r);
        float p = Math.fma(r, P0, P1);
        p = Math.fma(p, r, P2);
        p = Math.fma(p, r, P3);
        p = Math.fma(p, r, P4);
        p = Math.fma(p, r, P5);
        float y = p * (r * r) + r + 1f;
        int exponent = (int) n;
        int half = exponent >> 1;
        return y * powerOfTwo(half) * powerOfTwo(exponent - half);
    }

    /** The sum of the lanes, from lane 0 up. */
    static float sum(FloatVector v) {
        float sum = 0;
        for (int i = 0; i < v.length(); i++) {
            sum += v.lane(i);
        }
        return sum;
    }

    private static FloatVector constant(FloatVector like, float value) {
        return FloatVector.broadcast(like.species(), value);
    }

    private static FloatVector powerOfTwo(IntVector exponent) {
        return exponent.add(EXPONENT_BIAS)
                .lanewise(VectorOperators.LSHL, MANTISSA_BITS)
                .reinterpretAsFloats();
    }

    private static float powerOfTwo(int exponent) {
        return Float.intBitsToFloat((exponent + EXPONENT_BIAS) << MANTISSA_BITS);
    }
}
