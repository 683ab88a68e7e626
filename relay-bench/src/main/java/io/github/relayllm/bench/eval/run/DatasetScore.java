package io.github.relayllm.bench.eval.run;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * How one dataset scored over the samples of a run, lines resumed from the file included.
 *
 * @param samples the samples of the run, all of them now in the file
 * @param resumed of those, how many were already in the file
 * @param correct samples graded correct with strict extraction
 * @param correctReference samples graded correct with reference extraction
 * @param file the result file
 */
public record DatasetScore(
        String dataset, String policy, int samples, int resumed, int correct, int correctReference, Path file) {
    public DatasetScore {
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

    /** Strict accuracy in [0, 1]; 0 for no samples. */
    public double accuracy() {
        return samples == 0 ? 0 : (double) correct / samples;
    }

    /** Reference accuracy in [0, 1]; 0 for no samples. */
    public double accuracyReference() {
        return samples == 0 ? 0 : (double) correctReference / samples;
    }

    /** One line for the summary, e.g. {@code math500 relay: 5 samples (2 resumed), strict 80.0% ...}. */
    public String summary() {
        return String.format(
                Locale.ROOT,
                "%s %s: %d samples (%d resumed), strict %.1f%% (%d), reference %.1f%% (%d) -> %s",
                dataset,
                policy,
                samples,
                resumed,
                100 * accuracy(),
                correct,
                100 * accuracyReference(),
                correctReference,
                file);
    }
}
