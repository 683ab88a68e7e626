package io.github.relayllm.bench.eval.report;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything a run folder says: the benchmarks seen (report order), each policy's figures (report
 * order: {@code relay}, {@code slm}, {@code llm}, then the rest by name) and the files left out. A value;
 * rendering is {@link MarkdownReport}, {@link JsonReport} and {@link SvgPlot}.
 */
public record EvaluationReport(
        Path directory, List<String> benchmarks, List<PolicyReport> policies, List<SkippedFile> skipped) {

    public EvaluationReport {
        benchmarks = List.copyOf(benchmarks);
        policies = List.copyOf(policies);
        skipped = List.copyOf(skipped);
    }
}
