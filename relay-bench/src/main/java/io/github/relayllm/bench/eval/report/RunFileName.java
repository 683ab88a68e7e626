package io.github.relayllm.bench.eval.report;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What a run file's name says: {@code <dataset>.<policy>.jsonl}. The dataset key ends at the first dot
 * because policy names may hold dots ({@code random-query-0.3}) while dataset keys do not.
 */
public record RunFileName(String dataset, String policy) {
    static final String SUFFIX = ".jsonl";

    public RunFileName {
        if (dataset.isEmpty() || policy.isEmpty() || dataset.contains(".")) {
            throw new IllegalArgumentException("not a run file name: " + dataset + "." + policy + SUFFIX);
        }
    }

    /** The name of {@code file}, or empty when it is not a {@code <dataset>.<policy>.jsonl} file. */
    public static Optional<RunFileName> of(Path file) {
        String name = file.getFileName().toString();
        if (!name.endsWith(SUFFIX)) {
            return Optional.empty();
        }
        String stem = name.substring(0, name.length() - SUFFIX.length());
        int dot = stem.indexOf('.');
        if (dot <= 0 || dot == stem.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(new RunFileName(stem.substring(0, dot), stem.substring(dot + 1)));
    }
}
