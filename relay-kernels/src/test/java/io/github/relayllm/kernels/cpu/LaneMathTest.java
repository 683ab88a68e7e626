package io.github.relayllm.kernels.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;

class LaneMathTest {
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;

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
        float subnormal = LaneMath.exp(-100f);
        assertThat(subnormal).isPositive().isLessThan(Float.MIN_NORMAL);
        assertThat(Math.abs(subnormal - (float) Math.exp(-100))).isLessThanOrEqualTo(2 * Float.MIN_VALUE);
    }

    @Test
    void vectorLanesEqualTheScalarBitForBit() {
        Random random = new Random(1);
        float[] x = new float[FLOATS.length()];
        float[] lanes = new float[FLOATS.length()];
        for (int trial = 0; trial < 2000; trial++) {
            for (int i = 0; i < x.length; i++) {
                x[i] = (random.nextFloat() * 2 - 1) * (trial % 2 == 0 ? 10f : 120f);
            }
            LaneMath.exp(FloatVector.fromArray(FLOATS, x, 0)).intoArray(lanes, 0);
            for (int i = 0; i < x.length; i++) {
                assertThat(Float.floatToRawIntBits(lanes[i]))
                        .as("exp(%s)", x[i])
                        .isEqualTo(Float.floatToRawIntBits(LaneMath.exp(x[i])));
            }
        }
    }

    @Test
    void sumAddsTheLanesInOrder() {
        float[] values = new float[FLOATS.length()];
        values[0] = 1e8f;
        values[1] = 1f;
        if (values.length > 2) {
            values[2] = -1e8f;
        }
        float expected = 0;
        for (float v : values) {
            expected += v;
        }
        assertThat(LaneMath.sum(FloatVector.fromArray(FLOATS, values, 0))).isEqualTo(expected);
    }
}
