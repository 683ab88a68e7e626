package io.github.relayllm.bench.perf;

import java.util.Arrays;

/**
 * The median, least and greatest of a few repeated measurements: how benchmarks on a shared machine
 * report, since one slow run moves a mean but not a median.
 *
 * @param median the middle value (the mean of the two middle ones for an even count)
 * @param min the least
 * @param max the greatest
 */
public record Spread(double median, double min, double max) {

    /**
     * The spread of {@code values}.
     *
     * @throws IllegalArgumentException if there are none
     */
    public static Spread of(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values to spread");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        double median = sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return new Spread(median, sorted[0], sorted[sorted.length - 1]);
    }
}
