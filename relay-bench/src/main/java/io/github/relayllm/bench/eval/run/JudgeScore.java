package io.github.relayllm.bench.eval.run;

import java.util.Locale;

/**
 * How the optional judge did on one dataset, reported beside the grader's scores and never mixed into
 * them.
 *
 * @param correctOrJudged samples graded correct, or else judged correct (resumed lines included, with
 *     the verdicts they were written with)
 * @param calls judge calls made in this run: one per sample of this run not graded correct
 * @param failed of those, calls that got no reply (timeout, error status after retries, malformed body)
 * @param unparseable of those, replies with neither {@code correct} nor {@code incorrect}
 */
public record JudgeScore(int correctOrJudged, int calls, int failed, int unparseable) {
    public JudgeScore {
        if (correctOrJudged < 0 || calls < 0 || failed < 0 || unparseable < 0 || failed + unparseable > calls) {
            throw new IllegalArgumentException("counts must be >= 0 and failed + unparseable <= calls");
        }
    }

    /** The summary's part, e.g. {@code judge 85.0% (17), 6 judge calls: 1 failed, 0 unparseable}. */
    String summary(int samples) {
        double share = samples == 0 ? 0 : 100.0 * correctOrJudged / samples;
        return String.format(
                Locale.ROOT,
                "judge %.1f%% (%d), %d judge calls: %d failed, %d unparseable",
                share,
                correctOrJudged,
                calls,
                failed,
                unparseable);
    }
}
