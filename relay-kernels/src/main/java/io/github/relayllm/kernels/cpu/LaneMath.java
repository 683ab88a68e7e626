package io.github.relayllm.kernels.cpu;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The exponential of the CPU kernels (and the row maximum that softmax and argmax take first), built
 * only from operations IEEE 754 defines exactly (add, multiply, fused multiply-add, min, max, shifts),
 * once for vectors and once for a scalar, step for step, so that an element gets the same bits
 * whether it falls in a vector or in a row's scalar tail.
 *
 * <p>Why not {@code lanewise(EXP)}: the Vector API computes it with a vendor library once C2 has
 * compiled the loop and with {@link Math#exp} per lane before, which may differ in the last bit; a
 * row computed before and after the JIT warms up would then differ, and batch invariance would depend
 * on timing. For the same reason lanes are summed with the fixed tree of {@link #FOLDS}.
 *
 * <p>The vector form works from memory to memory: a vector that crosses a method boundary C2 declines
 * to inline (a large callee, a deep inlining tree) is boxed on the heap, which would make plans
 * allocate and crawl; a loop over a segment keeps its vectors local whatever C2 decides.
 *
 * <p>The algorithm is Cephes' {@code expf}: {@code x = n ln2 + r} with {@code n} the nearest integer
 * to {@code x / ln2}, a degree-6 polynomial for {@code e^r}, and {@code 2^n} applied as two powers of
 * two so that results near the overflow range come out right. About 1 ulp; {@code exp(-inf)} is 0,
 * {@code exp(+inf)} infinite, NaN stays NaN.
 *
 * <p>Below {@value #LOWEST} the result is 0, not the subnormal float e^x would round to (at most
 * 1.6e-38 lost): x86 computes a subnormal result through a microcode assist of some 150 cycles, and
 * the kernels would then multiply it again. A softmax whose row had most entries 95 below its maximum
 * ran 6.8 times slower with exact subnormal results; attention over long rows with a few dominant
 * positions is that case.
 */
final class LaneMath {
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;

    /**
     * The shuffles that sum a vector's lanes in a fixed tree: {@code v = v + v.rearrange(fold)} for
     * each, then lane 0 holds the sum. Fold {@code k} adds lane {@code i + lanes / 2^(k+1)} to lane
     * {@code i}. Every step is a lanewise add, exact on every tier, unlike {@code reduceLanes(ADD)}
     * (whose order the API leaves open) or {@code lane(i)} in a loop (which C2 does not compile to an
     * extract when {@code i} is not a constant). Kernels write the three lines out where they sum, so
     * that the vector never crosses a call: a static {@code sum(FloatVector)} helper was tried, and in
     * the attention kernel C2 left it a call and boxed its argument (384 bytes a step, caught by {@code
     * CpuPlanAllocationTest}).
     */
    @SuppressWarnings("unchecked")
    static final VectorShuffle<Float>[] FOLDS = folds();

    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private static final float LOG2_E = 1.44269504088896341f;
    private static final float LN2_HIGH = 0.693359375f;
    private static final float LN2_LOW = -2.12194440e-4f;
    /**
     * Adding 1.5 * 2^23 to a float of magnitude below 2^22 rounds it to an integer, which then sits in
     * the low mantissa bits: subtracting the bits of 1.5 * 2^23 reads it as an int without a
     * float-to-int conversion.
     */
    private static final float ROUND = 12582912f;

    private static final int ROUND_BITS = Float.floatToRawIntBits(ROUND);
    /** Below, e^x is flushed to 0 (e^-87 is about 1.6e-38, just above the smallest normal float). */
    private static final float LOWEST = -87f;

    /** Above, e^x is infinite. */
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

    /**
     * The largest of the {@code count} floats at byte {@code at} of {@code segment}: NaN if any is NaN,
     * negative infinity if {@code count} is 0. A maximum is exact in any order, so this one keeps four
     * independent vector maxima in flight (a row runs at load speed, not at the latency of one chain of
     * maxima) and may use {@code reduceLanes(MAX)}.
     */
    static float max(MemorySegment segment, long at, int count) {
        int lanes = FLOATS.length();
        float max = Float.NEGATIVE_INFINITY;
        int i = 0;
        if (count >= lanes) {
            FloatVector m0 = FloatVector.broadcast(FLOATS, Float.NEGATIVE_INFINITY);
            FloatVector m1 = m0;
            FloatVector m2 = m0;
            FloatVector m3 = m0;
            for (int bound = count - count % (4 * lanes); i < bound; i += 4 * lanes) {
                long from = at + (long) i * Float.BYTES;
                m0 = m0.max(FloatVector.fromMemorySegment(FLOATS, segment, from, ORDER));
                m1 = m1.max(FloatVector.fromMemorySegment(FLOATS, segment, from + (long) lanes * Float.BYTES, ORDER));
                m2 = m2.max(FloatVector.fromMemorySegment(FLOATS, segment, from + 2L * lanes * Float.BYTES, ORDER));
                m3 = m3.max(FloatVector.fromMemorySegment(FLOATS, segment, from + 3L * lanes * Float.BYTES, ORDER));
            }
            for (int bound = FLOATS.loopBound(count); i < bound; i += lanes) {
                m0 = m0.max(FloatVector.fromMemorySegment(FLOATS, segment, at + (long) i * Float.BYTES, ORDER));
            }
            max = m0.max(m1).max(m2.max(m3)).reduceLanes(VectorOperators.MAX);
        }
        for (; i < count; i++) {
            max = Math.max(max, segment.get(FLOAT, at + (long) i * Float.BYTES));
        }
        return max;
    }

    /**
     * Writes {@code e^(x * scale - shift)} for the {@code count} floats {@code x} at byte {@code srcAt}
     * of {@code src} to byte {@code dstAt} of {@code dst} (which may be the same place), and returns
     * their sum: vectors of partial sums, then their lanes by {@link #FOLDS}, then the tail, a fixed
     * order for a given count. {@code e^(x - max)} for softmax is {@code scale = 1, shift = max}; {@code e^-x}
     * is {@code scale = -1, shift = 0} (both exact before the exponential).
     */
    static float exp(
            MemorySegment src, long srcAt, MemorySegment dst, long dstAt, int count, float scale, float shift) {
        int bound = FLOATS.loopBound(count);
        float sum = 0;
        int i = 0;
        if (bound > 0) {
            FloatVector sums = FloatVector.zero(FLOATS);
            FloatVector p2 = FloatVector.broadcast(FLOATS, P2);
            FloatVector p3 = FloatVector.broadcast(FLOATS, P3);
            FloatVector p4 = FloatVector.broadcast(FLOATS, P4);
            FloatVector p5 = FloatVector.broadcast(FLOATS, P5);
            FloatVector ln2High = FloatVector.broadcast(FLOATS, -LN2_HIGH);
            FloatVector ln2Low = FloatVector.broadcast(FLOATS, -LN2_LOW);
            for (; i < bound; i += FLOATS.length()) {
                long offset = (long) i * Float.BYTES;
                FloatVector x = FloatVector.fromMemorySegment(FLOATS, src, srcAt + offset, ORDER)
                        .mul(scale)
                        .sub(shift);
                FloatVector clamped = x.max(LOWEST).min(HIGHEST);
                FloatVector rounded = clamped.fma(LOG2_E, ROUND);
                FloatVector n = rounded.sub(ROUND);
                FloatVector r = n.fma(ln2High, clamped);
                r = n.fma(ln2Low, r);
                FloatVector p = r.fma(P0, P1);
                p = p.fma(r, p2);
                p = p.fma(r, p3);
                p = p.fma(r, p4);
                p = p.fma(r, p5);
                FloatVector y = p.mul(r.mul(r)).add(r).add(1f);
                IntVector exponent = rounded.reinterpretAsInts().sub(ROUND_BITS);
                IntVector half = exponent.lanewise(VectorOperators.ASHR, 1);
                FloatVector low = half.add(EXPONENT_BIAS)
                        .lanewise(VectorOperators.LSHL, MANTISSA_BITS)
                        .reinterpretAsFloats();
                FloatVector high = exponent.sub(half)
                        .add(EXPONENT_BIAS)
                        .lanewise(VectorOperators.LSHL, MANTISSA_BITS)
                        .reinterpretAsFloats();
                FloatVector e = y.mul(low).mul(high).blend(0f, x.compare(VectorOperators.LT, LOWEST));
                e.intoMemorySegment(dst, dstAt + offset, ORDER);
                sums = sums.add(e);
            }
            for (VectorShuffle<Float> fold : FOLDS) {
                sums = sums.add(sums.rearrange(fold));
            }
            sum = sums.lane(0);
        }
        for (; i < count; i++) {
            long offset = (long) i * Float.BYTES;
            float e = exp(src.get(FLOAT, srcAt + offset) * scale - shift);
            dst.set(FLOAT, dstAt + offset, e);
            sum += e;
        }
        return sum;
    }

    /** e^x, bit for bit as one lane of the vector loop of {@link #exp(MemorySegment, long, MemorySegment, long, int, float, float)}. */
    static float exp(float x) {
        float clamped = Math.min(Math.max(x, LOWEST), HIGHEST);
        float rounded = Math.fma(clamped, LOG2_E, ROUND);
        float n = rounded - ROUND;
        float r = Math.fma(n, -LN2_HIGH, clamped);
        r = Math.fma(n, -LN2_LOW, r);
        float p = Math.fma(r, P0, P1);
        p = Math.fma(p, r, P2);
        p = Math.fma(p, r, P3);
        p = Math.fma(p, r, P4);
        p = Math.fma(p, r, P5);
        float y = p * (r * r) + r + 1f;
        int exponent = Float.floatToRawIntBits(rounded) - ROUND_BITS;
        int half = exponent >> 1;
        return x < LOWEST ? 0f : y * powerOfTwo(half) * powerOfTwo(exponent - half);
    }

    private static VectorShuffle<Float>[] folds() {
        int steps = Integer.numberOfTrailingZeros(FLOATS.length());
        @SuppressWarnings("unchecked")
        VectorShuffle<Float>[] folds = new VectorShuffle[steps];
        for (int k = 0; k < steps; k++) {
            int shift = FLOATS.length() >> (k + 1);
            folds[k] = VectorShuffle.fromOp(FLOATS, i -> (i + shift) % FLOATS.length());
        }
        return folds;
    }

    private static float powerOfTwo(int exponent) {
        return Float.intBitsToFloat((exponent + EXPONENT_BIAS) << MANTISSA_BITS);
    }
}
