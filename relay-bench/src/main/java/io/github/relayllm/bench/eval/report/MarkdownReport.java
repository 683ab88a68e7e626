package io.github.relayllm.bench.eval.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders an {@link EvaluationReport} as markdown: the definitions in one paragraph, a summary table of
 * every policy's averages, then one table per policy with a row per benchmark and the average row.
 * Accuracies and call ratios are printed as percentages with two decimals, as the paper prints them.
 */
public final class MarkdownReport {
    private static final List<String> FIGURE_HEADERS = List.of(
            ">requests",
            ">accuracy %",
            ">accuracy (reference) %",
            ">accuracy (judge) %",
            ">call ratio %",
            ">calls / problem",
            ">SLM gen tokens",
            ">LLM gen tokens",
            ">SLM prefill tokens",
            ">LLM prefill tokens",
            ">wall total s",
            ">wall mean ms");

    private MarkdownReport() {}

    public static String render(EvaluationReport report) {
        StringBuilder md = new StringBuilder();
        md.append("# Evaluation report: ")
                .append(report.directory().getFileName())
                .append("\n\n");
        md.append("Accuracy is the mean of `correct` (strict answer extraction) over all requests, repeats ")
                .append("included; *reference* grades the reference implementation's extraction; *judge* also ")
                .append("counts answers an LLM judge turned right (- where no judge ran). Call ratio = ")
                .append("LLM-generated tokens / all generated tokens, summed over a benchmark. Calls, tokens and ")
                .append("mean wall time are per request. **Average** = the unweighted mean over benchmarks of ")
                .append("each benchmark's figure (requests: the total).\n\n");
        md.append("## Averages per policy\n\n");
        List<String> summaryHeaders = new ArrayList<>(List.of("policy", "benchmarks"));
        summaryHeaders.addAll(FIGURE_HEADERS);
        MarkdownTable summary = new MarkdownTable(summaryHeaders);
        for (PolicyReport policy : report.policies()) {
            List<String> cells = new ArrayList<>(List.of(
                    policy.policy(),
                    policy.benchmarks().size() == report.benchmarks().size()
                            ? Integer.toString(policy.benchmarks().size())
                            : "%d of %d"
                                    .formatted(
                                            policy.benchmarks().size(),
                                            report.benchmarks().size())));
            cells.addAll(cells(policy.average()));
            summary.row(cells);
        }
        summary.appendTo(md);
        for (PolicyReport policy : report.policies()) {
            md.append("\n## ").append(policy.policy()).append("\n\n");
            List<String> headers = new ArrayList<>(List.of("benchmark"));
            headers.addAll(FIGURE_HEADERS);
            MarkdownTable table = new MarkdownTable(headers);
            policy.benchmarks().forEach((key, figures) -> {
                List<String> cells = new ArrayList<>(List.of(BenchmarkNames.display(key)));
                cells.addAll(cells(figures));
                table.row(cells);
            });
            List<String> average = new ArrayList<>(
                    List.of("**Average (%d)**".formatted(policy.benchmarks().size())));
            average.addAll(cells(policy.average()));
            table.row(average);
            table.appendTo(md);
        }
        if (!report.skipped().isEmpty()) {
            md.append("\n## Skipped files\n\n");
            for (SkippedFile skipped : report.skipped()) {
                md.append("- `")
                        .append(skipped.file().getFileName())
                        .append("`: ")
                        .append(skipped.reason())
                        .append('\n');
            }
        }
        return md.toString();
    }

    private static List<String> cells(BenchmarkFigures f) {
        return List.of(
                Integer.toString(f.requests()),
                percent(f.accuracy()),
                percent(f.referenceAccuracy()),
                f.judgeAccuracy().isPresent() ? percent(f.judgeAccuracy().getAsDouble()) : "-",
                percent(f.callRatio()),
                fixed(2, f.callsPerRequest()),
                fixed(1, f.slmGeneratedTokens()),
                fixed(1, f.llmGeneratedTokens()),
                fixed(1, f.slmPrefillTokens()),
                fixed(1, f.llmPrefillTokens()),
                fixed(1, f.wallMsTotal() / 1000),
                fixed(1, f.wallMsMean()));
    }

    private static String percent(double fraction) {
        return fixed(2, 100 * fraction);
    }

    private static String fixed(int decimals, double value) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
