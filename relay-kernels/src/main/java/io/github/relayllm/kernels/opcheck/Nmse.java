package io.github.relayllm.kernels.opcheck;

/**
 * Normalized mean squared error, {@code Σ(a - b)² / Σb²}, the metric of llama.cpp's {@code
 * test-backend-ops}: an error relative to the size of the expected values, so one threshold serves
 * values of any scale.
 */
public final class Nmse {
    /** For elementwise ops: rounding differences only. */
    public static final double ELEMENTWISE = 1e-7;

    /** For matmul and attention: long sums in a different order, quantized operands. */
    public static final double REDUCTION = 5e-4;

    private Nmse() {}

    /**
     * The NMSE of {@code actual} against {@code expected}: 0 when both are all zeros, infinite when
     * only the expected values are, NaN when either holds a NaN the other does not have in the same
     * place.
     */
    public static double of(float[] actual, float[] expected) {
        if (actual.length != expected.length) {
            throw new IllegalArgumentException("%d values against %d".formatted(actual.length, expected.length));
        }
        double error = 0;
        double norm = 0;
        for (int i = 0; i < actual.length; i++) {
            if (Float.isNaN(expected[i]) && Float.isNaN(actual[i])) {
                continue;
            }
            double difference = (double) actual[i] - expected[i];
            error += difference * difference;
            norm += (double) expected[i] * expected[i];
        }
        if (error == 0) {
            return 0;
        }
        return norm == 0 ? Double.POSITIVE_INFINITY : error / norm;
    }
}
