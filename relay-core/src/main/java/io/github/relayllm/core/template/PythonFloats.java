package io.github.relayllm.core.template;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Python's {@code repr(float)}: the shortest digits that read back to the same double (Java's
 * {@link Double#toString} finds the same digits since JDK 19), laid out as Python does: positional
 * for decimal exponents from -4 to 15 ({@code 0.0001}, {@code 1e+16}, {@code 100.0}), scientific
 * with a two-digit exponent otherwise ({@code 1e-05}, {@code 1.5e+300}).
 */
final class PythonFloats {
    private PythonFloats() {}

    static String repr(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        String sign = (value < 0 || (value == 0 && 1 / value < 0)) ? "-" : "";
        if (value == 0) {
            return sign + "0.0";
        }
        BigDecimal shortest = shortestDigits(Math.abs(value));
        String digits = shortest.unscaledValue().toString();
        // value = 0.d1d2d3... * 10^pointPosition
        int pointPosition = digits.length() - shortest.scale();
        if (pointPosition <= -4 || pointPosition > 16) {
            return sign + scientific(digits, pointPosition - 1);
        }
        return sign + positional(digits, pointPosition);
    }

    /**
     * Java prints at least two significant digits and, when one would do, picks the closest
     * two-digit decimal (4.9E-324 for the smallest subnormal); Python picks the one-digit decimal.
     */
    private static BigDecimal shortestDigits(double magnitude) {
        BigDecimal javaDigits = new BigDecimal(Double.toString(magnitude)).stripTrailingZeros();
        if (javaDigits.precision() == 2) {
            BigDecimal oneDigit = javaDigits.round(new MathContext(1, RoundingMode.HALF_EVEN));
            if (oneDigit.doubleValue() == magnitude) {
                return oneDigit.stripTrailingZeros();
            }
        }
        return javaDigits;
    }

    private static String scientific(String digits, int exponent) {
        StringBuilder out = new StringBuilder().append(digits.charAt(0));
        if (digits.length() > 1) {
            out.append('.').append(digits, 1, digits.length());
        }
        out.append('e').append(exponent < 0 ? '-' : '+');
        int magnitude = Math.abs(exponent);
        if (magnitude < 10) {
            out.append('0');
        }
        return out.append(magnitude).toString();
    }

    private static String positional(String digits, int pointPosition) {
        if (pointPosition <= 0) {
            return "0." + "0".repeat(-pointPosition) + digits;
        }
        if (pointPosition >= digits.length()) {
            return digits + "0".repeat(pointPosition - digits.length()) + ".0";
        }
        return digits.substring(0, pointPosition) + "." + digits.substring(pointPosition);
    }
}
