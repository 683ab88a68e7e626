package io.github.relayllm.bench.eval.grading;

import java.util.Objects;

/**
 * The outcome of grading one prediction against one gold answer, with the normalized forms that were
 * compared so that a report can show why two answers were (not) judged equal.
 *
 * @param equal whether the answers are mathematically equivalent under {@link MathEquivalence}
 * @param predNormalized the prediction after {@link MathNormalizer#normalize(String)}
 * @param goldNormalized the gold answer after {@link MathNormalizer#normalize(String)}
 */
public record Verdict(boolean equal, String predNormalized, String goldNormalized) {
    public Verdict {
        Objects.requireNonNull(predNormalized, "predNormalized");
        Objects.requireNonNull(goldNormalized, "goldNormalized");
    }
}
