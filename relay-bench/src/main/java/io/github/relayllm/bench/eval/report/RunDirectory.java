package io.github.relayllm.bench.eval.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads a run folder into an {@link EvaluationReport}: every {@code <dataset>.<policy>.jsonl} directly
 * in it. Other files (the report's own outputs, notes) are ignored; a {@code .jsonl} whose name does not
 * fit, or a run file with no finished request yet, is skipped and listed. No usable run file at all is a
 * {@link ReportInputException}. Cost: reads every run file once; keeps only counters in memory.
 */
public final class RunDirectory {
    private static final List<String> FIRST_POLICIES = List.of("relay", "slm", "llm");
    static final Comparator<String> POLICY_ORDER = Comparator.<String>comparingInt(
                    p -> FIRST_POLICIES.contains(p) ? FIRST_POLICIES.indexOf(p) : FIRST_POLICIES.size())
            .thenComparing(Comparator.naturalOrder());

    private RunDirectory() {}

    public static EvaluationReport read(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new ReportInputException(directory, 0, "not a folder");
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(Files::isRegularFile).sorted().toList();
        }
        Map<String, Map<String, BenchmarkFigures>> byPolicy = new TreeMap<>(POLICY_ORDER);
        List<SkippedFile> skipped = new ArrayList<>();
        for (Path file : files) {
            if (!file.getFileName().toString().endsWith(RunFileName.SUFFIX)) {
                continue;
            }
            var name = RunFileName.of(file);
            if (name.isEmpty()) {
                skipped.add(new SkippedFile(file, "name is not <dataset>.<policy>.jsonl"));
                continue;
            }
            List<RunRecord> records = RunFileReader.read(file, name.get());
            if (records.isEmpty()) {
                skipped.add(new SkippedFile(file, "no finished requests"));
                continue;
            }
            byPolicy.computeIfAbsent(name.get().policy(), p -> new TreeMap<>(BenchmarkNames.ORDER))
                    .put(name.get().dataset(), BenchmarkFigures.of(records));
        }
        if (byPolicy.isEmpty()) {
            throw new ReportInputException(
                    directory, 0, "no <dataset>.<policy>.jsonl run files with finished requests");
        }
        List<PolicyReport> policies = new ArrayList<>();
        byPolicy.forEach(
                (policy, benchmarks) -> policies.add(PolicyReport.of(policy, new LinkedHashMap<>(benchmarks))));
        List<String> benchmarks = byPolicy.values().stream()
                .flatMap(b -> b.keySet().stream())
                .distinct()
                .sorted(BenchmarkNames.ORDER)
                .toList();
        return new EvaluationReport(directory, benchmarks, policies, skipped);
    }
}
