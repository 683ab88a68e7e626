package io.github.relayllm.kernels.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;

class LaneMathTest {
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;

    @Test
    void maxIsTheScalarMaximumAtEveryLengthAndPlace() {
        Random random = new Random(2);
        int lanes = FLOATS.length();
        for (int count : new int[] {0, 1, lanes - 1, lanes, 3 * lanes + 5, 4 * lanes, 9 * lanes + 3, 1000}) {
            try (Arena arena = Arena.ofConfined()) {
                // One float of offset: the maximum of a row need not start on a vector boundary.
                MemorySegment row = arena.allocate((long) (count + 1) * Float.BYTES);
                float[] x = new float[count];
                for (int i = 0; i < count; i++) {
                    x[i] = -Math.abs(random.nextFloat()) - 1f;
                    row.setAtIndex(FLOAT, i + 1, x[i]);
                }
                assertThat(LaneMath.max(row, Float.BYTES, count))
                        .as("%d floats", count)
                        .isEqualTo(scalarMax(x));
                for (int place = 0; place < count; place += Math.max(1, count / 7)) {
                    row.setAtIndex(FLOAT, place + 1, 0f);
                    assertThat(Float.floatToRawIntBits(LaneMath.max(row, Float.BYTES, count)))
                            .as("0 at %d of %d", place, count)
                            .isEqualTo(Float.floatToRawIntBits(0f));
                    row.setAtIndex(FLOAT, place + 1, Float.NaN);
                    assertThat(LaneMath.max(row, Float.BYTES, count))
                            .as("NaN at %d of %d", place, count)
                            .isNaN();
                    row.setAtIndex(FLOAT, place + 1, x[place]);
                }
            }
        }
    }

    private static float scalarMax(float[] x) {
        float max = Float.NEGATIVE_INFINITY;
        for (float v : x) {
            max = Math.max(max, v);
        }
        return max;
    }

    @Test
    void expIsWithinTwoUlpsOfMathExp() {
        for (float x = -87f; x <= 88.7f; x += 0.0137f) {
            float expected = (float) Math.exp(x);
            assertThat(Math.abs(LaneMath.exp(x) - expected))
                    .as("exp(%s)", x)
                    .isLessThanOrEqualTo(2 * Math.ulp(expected));
        }
    }

    @Test
    void expHandlesTheEdges() {
        assertThat(LaneMath.exp(0f)).isEqualTo(1f);
        assertThat(LaneMath.exp(Float.NEGATIVE_INFINITY)).isZero();
        assertThat(LaneMath.exp(-200f)).isZero();
        assertThat(LaneMath.exp(Float.POSITIVE_INFINITY)).isInfinite();
        assertThat(LaneMath.exp(89f)).isInfinite();
        assertThat(LaneMath.exp(Float.NaN)).isNaN();
        // Never a subnormal result (each costs a microcode assist): 0 below e^-87, normal from there.
        assertThat(LaneMath.exp(-87f)).isGreaterThanOrEqualTo(Float.MIN_NORMAL);
        assertThat(LaneMath.exp(Math.nextDown(-87f))).isZero();
        assertThat(LaneMath.exp(-100f)).isZero();
    }

    @Test
    void everyElementGetsTheScalarBitsAndTheSumHasAFixedOrder() {
        Random random = new Random(1);
        int lanes = FLOATS.length();
        for (int count : new int[] {1, lanes + 1, lanes, 3 * lanes + 5, 1000}) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment in = arena.allocate((long) count * Float.BYTES);
                MemorySegment out = arena.allocate((long) count * Float.BYTES);
                float[] x = new float[count];
                for (int i = 0; i < count; i++) {
                    x[i] = (random.nextFloat() * 2 - 1) * (i % 2 == 0 ? 10f : 120f);
                    in.setAtIndex(FLOAT, i, x[i]);
                }
                float sum = LaneMath.exp(in, 0, out, 0, count, -1f, 0.5f);
                float[] partial = new float[lanes];
                int bound = count / lanes * lanes;
                for (int i = 0; i < count; i++) {
                    float expected = LaneMath.exp(x[i] * -1f - 0.5f);
                    assertThat(Float.floatToRawIntBits(out.getAtIndex(FLOAT, i)))
                            .as("exp of element %d of %d", i, count)
                            .isEqualTo(Float.floatToRawIntBits(expected));
                    if (i < bound) {
                        partial[i % lanes] += expected;
                    }
                }
                float expectedSum = 0;
                if (bound > 0) {
                    for (int shift = lanes / 2; shift >= 1; shift /= 2) {
                        float[] folded = new float[lanes];
                        for (int lane = 0; lane < lanes; lane++) {
                            folded[lane] = partial[lane] + partial[(lane + shift) % lanes];
                        }
                        partial = folded;
                    }
                    expectedSum = partial[0];
                }
                for (int i = bound; i < count; i++) {
                    expectedSum += LaneMath.exp(x[i] * -1f - 0.5f);
                }
                assertThat(sum).as("sum of %d", count).isEqualTo(expectedSum);
            }
        }
    }
}
