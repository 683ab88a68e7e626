package io.github.relayllm.core.template;

import io.github.relayllm.core.template.Expression.BinaryOperator;

/**
 * Python's float arithmetic where it differs from Java's: {@code //} and {@code %} floor toward
 * negative infinity with the remainder taking the divisor's sign ({@code float_divmod}), division
 * by zero is an error rather than infinity, and a negative base to a fractional power (a complex
 * number in Python) is an error.
 */
final class FloatArithmetic {
    private FloatArithmetic() {}

    static double apply(BinaryOperator operator, double a, double b) {
        return switch (operator) {
            case ADD -> a + b;
            case SUBTRACT -> a - b;
            case MULTIPLY -> a * b;
            case DIVIDE -> a / nonZero(b, "division");
            case FLOOR_DIVIDE -> floorDivide(a, nonZero(b, "floor division"));
            case MODULO -> modulo(a, nonZero(b, "modulo"));
            case POWER -> power(a, b);
            default -> throw new IllegalArgumentException(operator.name());
        };
    }

    private static double nonZero(double divisor, String operation) {
        if (divisor == 0) {
            throw new RenderError("float " + operation + " by zero");
        }
        return divisor;
    }

    private static double modulo(double a, double b) {
        double mod = a % b;
        if (mod != 0) {
            if ((b < 0) != (mod < 0)) {
                mod += b;
            }
            return mod;
        }
        return Math.copySign(0.0, b);
    }

    private static double floorDivide(double a, double b) {
        double mod = a % b;
        double quotient = (a - mod) / b;
        if (mod != 0 && (b < 0) != (mod < 0)) {
            quotient -= 1.0;
        }
        if (quotient == 0) {
            return Math.copySign(0.0, a / b);
        }
        double floor = Math.floor(quotient);
        return quotient - floor > 0.5 ? floor + 1.0 : floor;
    }

    private static double power(double base, double exponent) {
        if (base == 0 && exponent < 0) {
            throw new RenderError("0.0 cannot be raised to a negative power");
        }
        if (base < 0 && exponent != Math.rint(exponent)) {
            throw new RenderError("a negative number to a fractional power is complex; not supported");
        }
        return Math.pow(base, exponent);
    }
}
