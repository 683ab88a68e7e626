package io.github.relayllm.kernels.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HalfFloatsTest {
    private static final int LARGEST_HALF = 0x7bff;

    @Test
    void everyHalfSurvivesWideningAndNarrowing() {
        for (int bits = 0; bits <= 0xffff; bits++) {
            float value = HalfFloats.halfToFloat((short) bits);
            short back = HalfFloats.floatToHalf(value);
            if (Float.isNaN(value)) {
                assertThat(HalfFloats.halfToFloat(back)).as("NaN 0x%04x", bits).isNaN();
            } else {
                assertThat(back & 0xffff).as("0x%04x (%s)", bits, value).isEqualTo(bits);
            }
        }
    }

    @Test
    void everyBfloat16SurvivesWideningAndNarrowing() {
        for (int bits = 0; bits <= 0xffff; bits++) {
            float value = HalfFloats.bfloat16ToFloat((short) bits);
            short back = HalfFloats.floatToBfloat16(value);
            if (Float.isNaN(value)) {
                assertThat(HalfFloats.bfloat16ToFloat(back))
                        .as("NaN 0x%04x", bits)
                        .isNaN();
            } else {
                assertThat(back & 0xffff).as("0x%04x (%s)", bits, value).isEqualTo(bits);
            }
        }
    }

    @Test
    void halfMidpointsRoundToTheEvenNeighbour() {
        // Every pair of adjacent finite halves of either sign, subnormals included (the step from the
        // largest half to infinity is checked below): the midpoint, exact in float, goes to the even
        // one, and a float ulp off it to the nearer one.
        for (int sign : new int[] {0, 0x8000}) {
            for (int bits = 0; bits < LARGEST_HALF; bits++) {
                float lower = HalfFloats.halfToFloat((short) (sign | bits));
                float upper = HalfFloats.halfToFloat((short) (sign | (bits + 1)));
                float midpoint = (lower + upper) / 2;
                int even = (bits & 1) == 0 ? bits : bits + 1;

                assertThat(HalfFloats.floatToHalf(midpoint) & 0xffff).isEqualTo(sign | even);
                assertThat(HalfFloats.floatToHalf(Math.nextAfter(midpoint, 0.0)) & 0xffff)
                        .isEqualTo(sign | bits);
                assertThat(HalfFloats.floatToHalf(
                                        Math.nextAfter(midpoint, Math.copySign(Double.POSITIVE_INFINITY, midpoint)))
                                & 0xffff)
                        .isEqualTo(sign | (bits + 1));
            }
        }
    }

    @ParameterizedTest(name = "{0} -> 0x{1}")
    @CsvSource({
        "65504, 7bff", // largest half
        "65519.996, 7bff", // just below the midpoint to infinity
        "65520, 7c00", // the midpoint: ties to even, which is infinity
        "1e10, 7c00",
        "-1e10, fc00",
        "5.9604645e-8, 0001", // smallest subnormal half
        "2.9802322e-8, 0000", // half of it: ties to even, zero
        "2.9802326e-8, 0001",
        "-0.0, 8000",
        "Infinity, 7c00",
        "-Infinity, fc00"
    })
    void narrowsFloatsToHalvesAsGgml(float value, String hexBits) {
        assertThat(HalfFloats.floatToHalf(value) & 0xffff).isEqualTo(Integer.parseInt(hexBits, 16));
    }

    @Test
    void narrowsEveryNanToTheCanonicalQuietHalfNanOfItsSign() {
        assertThat(HalfFloats.floatToHalf(Float.NaN) & 0xffff).isEqualTo(0x7e00);
        assertThat(HalfFloats.floatToHalf(Float.intBitsToFloat(0x7f80_0001)) & 0xffff)
                .isEqualTo(0x7e00);
        assertThat(HalfFloats.floatToHalf(Float.intBitsToFloat(0xffc1_2345)) & 0xffff)
                .isEqualTo(0xfe00);
    }

    @ParameterizedTest(name = "0x{0} -> 0x{1}")
    @CsvSource({
        "3f800000, 3f80", // 1.0
        "3f808000, 3f80", // 1 + 2^-8: a tie, the kept LSB is 0, stays
        "3f818000, 3f82", // a tie with odd kept LSB: rounds up to even
        "3f808001, 3f81", // just above the tie
        "3f807fff, 3f80", // just below the tie
        "bf818000, bf82", // negative ties round on the magnitude
        "7f7fffff, 7f80", // the largest float rounds to infinity
        "00000001, 0000", // the smallest subnormal rounds to zero
        "80000000, 8000",
        "7f800000, 7f80", // infinity stays
        "7f800001, 7fc0", // a signalling NaN is made quiet, not rounded into infinity
        "ff812345, ffc1", // the quiet bit is set on the upper half: sign and payload kept
        "ffc00000, ffc0"
    })
    void narrowsFloatsToBfloat16AsGgml(String floatHex, String expectedHex) {
        float value = Float.intBitsToFloat(Integer.parseUnsignedInt(floatHex, 16));

        assertThat(HalfFloats.floatToBfloat16(value) & 0xffff).isEqualTo(Integer.parseInt(expectedHex, 16));
    }

    @Test
    void widensBfloat16AsTheUpperHalfOfAFloat() {
        assertThat(HalfFloats.bfloat16ToFloat((short) 0x3f80)).isEqualTo(1.0f);
        assertThat(HalfFloats.bfloat16ToFloat((short) 0xc049)).isEqualTo(Float.intBitsToFloat(0xc049_0000));
        assertThat(HalfFloats.bfloat16ToFloat((short) 0xff80)).isEqualTo(Float.NEGATIVE_INFINITY);
    }
}
