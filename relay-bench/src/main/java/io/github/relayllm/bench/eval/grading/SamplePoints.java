package io.github.relayllm.bench.eval.grading;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.BiPredicate;

/**
 * Compares two expressions by evaluating them at the same pseudo-random points. Variables are drawn
 * from [0.5, 3.5): positive, so square roots and logarithms of plain variables are defined, and away
 * from 0 and 1, where distinct expressions such as {@code x^2} and {@code x} coincide.
 */
final class SamplePoints {
    private static final double LOW = 0.5;
    private static final double WIDTH = 3.0;
    // Below this many points where both sides are defined, agreement proves too little.
    private static final int MIN_DEFINED = 3;

    private SamplePoints() {}

    static boolean agree(Expression a, Expression b, long seed, int points, BiPredicate<Double, Double> close) {
        Set<String> names = new TreeSet<>(a.variables());
        names.addAll(b.variables());
        SplittableRandom random = new SplittableRandom(seed);
        int defined = 0;
        int tries = names.isEmpty() ? 1 : points;
        for (int i = 0; i < tries; i++) {
            Map<String, Double> values = new HashMap<>();
            for (String name : names) {
                values.put(name, LOW + WIDTH * random.nextDouble());
            }
            double x = a.evaluate(values);
            double y = b.evaluate(values);
            boolean xDefined = Double.isFinite(x);
            if (xDefined != Double.isFinite(y)) {
                return false;
            }
            if (xDefined) {
                if (!close.test(x, y)) {
                    return false;
                }
                defined++;
            }
        }
        return defined >= Math.min(MIN_DEFINED, tries);
    }
}
