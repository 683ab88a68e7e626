package io.github.relayllm.bench.eval.run;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How one dataset scored over the samples of a run, lines resumed from the file included.
 *
 * @param samples the samples of the run, all of them now in the file
 * @param resumed of those, how many were already in the file
 * @param correct samples graded correct with strict extraction
 * @param correctReference samples graded correct with reference extraction
 * @param file the result file
 * @param judge the judge's score, present only when the run had a judge
 */
public record DatasetScore(
        String dataset,
        String policy,
        int samples,
        int resumed,
        int correct,
        int correctReference,
        Path file,
        Optional<JudgeScore> judge) {
    public DatasetScore {
        Objects.requireNonNull(judge, "judge");
        if (judge.isPresent() && judge.get().correctOrJudged() > samples) {
            throw new IllegalArgumentException("judge counts must lie in [0, samples]");
        }
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(file, "file");
        if (resumed < 0
                || resumed > samples
                || correct < 0
                || correct > samples
                || correctReference < 0
                || correctReference > samples) {
            throw new IllegalArgumentException("counts must lie in [0, samples]");
        }
    }

    /** A score of a run without a judge. */
    public DatasetScore(
            String dataset, String policy, int samples, int resumed, int correct, int correctReference, Path file) {
        this(dataset, policy, samples, resumed, correct, correctReference, file, Optional.empty());
    }

    /** Strict accuracy in [0, 1]; 0 for no samples. */
    public double accuracy() {
        return samples == 0 ? 0 : (double) correct / samples;
    }

    /** Reference accuracy in [0, 1]; 0 for no samples. */
    public double accuracyReference() {
        return samples == 0 ? 0 : (double) correctReference / samples;
    }

    /**
     * One line for the summary, e.g. {@code math500 relay: 5 samples (2 resumed), strict 80.0% ...}; with
     * a judge, its score and call counts follow the grader's, e.g. {@code ..., judge 85.0% (17), 6 judge
     * calls: 1 failed, 0 unparseable -> ...}.
     */
    public String summary() {
        String judged = judge.map(j -> ", " + j.summary(samples)).orElse("");
        return String.format(
                Locale.ROOT,
                "%s %s: %d samples (%d resumed), strict %.1f%% (%d), reference %.1f%% (%d)%s -> %s",
                dataset,
                policy,
                samples,
                resumed,
                100 * accuracy(),
                correct,
                100 * accuracyReference(),
                correctReference,
                judged,
                file);
    }
}
