package io.github.relayllm.bench.eval.dataset;

import java.util.Objects;

/**
 * One problem of a dataset.
 *
 * @param id the file's own id (as text), else the line number; unique within its dataset
 * @param question the question, verbatim and not blank
 * @param goldAnswer the reference answer as the dataset gives it, not blank; grading normalises it
 * @param lineNumber the 1-based line of the file it came from
 * @param rawLine the line itself, for fields a report may want (subject, level, unit)
 */
public record DatasetItem(String id, String question, String goldAnswer, int lineNumber, String rawLine) {
    public DatasetItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(goldAnswer, "goldAnswer");
        Objects.requireNonNull(rawLine, "rawLine");
        if (lineNumber < 1) {
            throw new IllegalArgumentException("lineNumber must be >= 1: " + lineNumber);
        }
    }
}
