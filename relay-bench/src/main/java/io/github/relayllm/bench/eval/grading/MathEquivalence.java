package io.github.relayllm.bench.eval.grading;

import io.github.relayllm.bench.eval.grading.AnswerShape.Ordered;
import io.github.relayllm.bench.eval.grading.AnswerShape.Scalar;
import io.github.relayllm.bench.eval.grading.AnswerShape.Unordered;
import java.math.BigInteger;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Rule-based answer equivalence, no external service. Both answers are {@link MathNormalizer
 * normalized}; equal strings are equal; otherwise tuples, intervals and sets are compared element by
 * element ({@link AnswerShape}) and each pair of elements by value:
 *
 * <ul>
 *   <li>two integer literals must be equal exactly (a count off by one is wrong however large);
 *   <li>other constant expressions ({@code 0.5}, {@code \frac{1}{2}}, {@code 2\sqrt{2}}, {@code 1e-3})
 *       must agree within relative {@value #RELATIVE_TOLERANCE};
 *   <li>expressions with variables must agree within that tolerance at each of a fixed set of
 *       pseudo-random points, and be defined at the same points;
 *   <li>anything that does not parse as an {@link Expression} is equal only as a normalized string.
 * </ul>
 *
 * Deterministic: the points come from a fixed seed. Cost: linear in the answers plus
 * {@value #POINTS} evaluations per symbolic pair. Stateless and thread-safe.
 */
public final class MathEquivalence {
    /** Relative tolerance for numeric comparison. */
    public static final double RELATIVE_TOLERANCE = 1e-6;

    /** Points at which symbolic expressions are compared. */
    public static final int POINTS = 12;

    // Values that cancel to rounding noise (sin(\pi) against 0) have no meaningful relative error.
    private static final double ABSOLUTE_FLOOR = 1e-12;
    private static final Pattern INTEGER = Pattern.compile("-?\\d+");
    private static final long SEED = 0x5eed_1e55L;

    private MathEquivalence() {}

    /** Whether {@code pred} and {@code gold} are the same answer. */
    public static boolean equivalent(String pred, String gold) {
        return grade(pred, gold).equal();
    }

    /** Grades {@code pred} against {@code gold}, keeping both normalized forms. */
    public static Verdict grade(String pred, String gold) {
        String p = MathNormalizer.normalize(pred);
        String g = MathNormalizer.normalize(gold);
        boolean equal = !p.isEmpty() && (p.equals(g) || shapesEqual(AnswerShape.of(p), AnswerShape.of(g)));
        return new Verdict(equal, p, g);
    }

    private static boolean shapesEqual(AnswerShape a, AnswerShape b) {
        return switch (a) {
            case Scalar(String x) -> b instanceof Scalar(String y) && scalarsEqual(x, y);
            case Ordered(char open, char close, List<AnswerShape> xs) ->
                b instanceof Ordered(char bOpen, char bClose, List<AnswerShape> ys)
                        && open == bOpen
                        && close == bClose
                        && inOrder(xs, ys);
            case Unordered(List<AnswerShape> xs) -> b instanceof Unordered(List<AnswerShape> ys) && anyOrder(xs, ys);
        };
    }

    private static boolean inOrder(List<AnswerShape> xs, List<AnswerShape> ys) {
        if (xs.size() != ys.size()) {
            return false;
        }
        for (int i = 0; i < xs.size(); i++) {
            if (!shapesEqual(xs.get(i), ys.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Greedy matching is enough: equivalence is transitive, so any match found is as good as another. */
    private static boolean anyOrder(List<AnswerShape> xs, List<AnswerShape> ys) {
        if (xs.size() != ys.size()) {
            return false;
        }
        boolean[] used = new boolean[ys.size()];
        outer:
        for (AnswerShape x : xs) {
            for (int j = 0; j < ys.size(); j++) {
                if (!used[j] && shapesEqual(x, ys.get(j))) {
                    used[j] = true;
                    continue outer;
                }
            }
            return false;
        }
        return true;
    }

    private static boolean scalarsEqual(String x, String y) {
        if (x.equals(y)) {
            return !x.isEmpty();
        }
        if (INTEGER.matcher(x).matches() && INTEGER.matcher(y).matches()) {
            return new BigInteger(x).equals(new BigInteger(y));
        }
        Expression ex;
        Expression ey;
        try {
            ex = Expression.parse(x);
            ey = Expression.parse(y);
        } catch (ExpressionSyntaxException e) {
            return false;
        }
        return SamplePoints.agree(ex, ey, SEED, POINTS, MathEquivalence::close);
    }

    /** Whether two finite values agree within {@link #RELATIVE_TOLERANCE}. */
    static boolean close(double a, double b) {
        if (!Double.isFinite(a) || !Double.isFinite(b)) {
            return false;
        }
        double diff = Math.abs(a - b);
        return diff <= ABSOLUTE_FLOOR || diff <= RELATIVE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
    }
}
