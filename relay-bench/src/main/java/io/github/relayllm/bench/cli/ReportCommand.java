package io.github.relayllm.bench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.relayllm.bench.eval.report.EvaluationReport;
import io.github.relayllm.bench.eval.report.JsonReport;
import io.github.relayllm.bench.eval.report.MarkdownReport;
import io.github.relayllm.bench.eval.report.RunDirectory;
import io.github.relayllm.bench.eval.report.SkippedFile;
import io.github.relayllm.bench.eval.report.SvgPlot;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code relay report DIR}: summarizes an evaluation run folder ({@code <dataset>.<policy>.jsonl}
 * files) per policy and benchmark. Prints the markdown (or, with {@code --json}, the JSON document) to
 * stdout and writes {@code report.md}, {@code report.json} and {@code report.svg} to the folder or to
 * {@code --out}; warnings about skipped files go to stderr. Definitions: docs/evaluation-report.md.
 */
@Command(
        name = "report",
        description = "Summarize an evaluation run folder: accuracy, call ratio, tokens and wall time per policy"
                + " and benchmark, as markdown, JSON and an SVG plot.",
        mixinStandardHelpOptions = true)
final class ReportCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Parameters(index = "0", paramLabel = "DIR", description = "The run folder holding <dataset>.<policy>.jsonl files.")
    Path directory;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Write report.md, report.json and report.svg here instead of into the run folder.")
    Path out;

    @Option(names = "--json", description = "Print the JSON document instead of the markdown.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        EvaluationReport report = RunDirectory.read(directory);
        PrintWriter err = spec.commandLine().getErr();
        for (SkippedFile skipped : report.skipped()) {
            err.printf("warning: skipped %s: %s%n", skipped.file(), skipped.reason());
        }
        String markdown = MarkdownReport.render(report);
        ObjectNode document = JsonReport.render(report);
        Path target = out != null ? out : directory;
        Files.createDirectories(target);
        Files.writeString(target.resolve("report.md"), markdown, StandardCharsets.UTF_8);
        Files.writeString(
                target.resolve("report.json"), JSON.writeValueAsString(document) + "\n", StandardCharsets.UTF_8);
        Files.writeString(target.resolve("report.svg"), SvgPlot.render(report), StandardCharsets.UTF_8);
        if (json) {
            JsonOutput.print(spec.commandLine().getOut(), document);
        } else {
            spec.commandLine().getOut().print(markdown);
            spec.commandLine().getOut().flush();
        }
        err.printf("wrote report.md, report.json and report.svg to %s%n", target);
        err.flush();
        return 0;
    }
}
