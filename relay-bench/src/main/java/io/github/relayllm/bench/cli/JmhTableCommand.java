package io.github.relayllm.bench.cli;

import io.github.relayllm.bench.perf.BandwidthProbe;
import io.github.relayllm.bench.perf.KernelWork;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code relay jmh-table}: turns a JMH JSON result file of the kernel benchmarks into a markdown
 * table of time per operation, GB/s and GFLOP/s ({@link KernelWork} counts each benchmark's bytes
 * and flops), next to the machine's memory read bandwidth, given or measured with {@link
 * BandwidthProbe} (1 GiB read by every processor, about two seconds). Benchmarks whose work is not
 * counted (the tokenizer's) show their time and a dash.
 */
@Command(
        name = "jmh-table",
        description = "Print a markdown table of a JMH JSON result file (java -jar benchmarks.jar -rf json): "
                + "time per op, GB/s, GFLOP/s and the share of the memory bandwidth.",
        mixinStandardHelpOptions = true)
final class JmhTableCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RESULTS.json", description = "JMH's JSON result file.")
    Path results;

    @ArgGroup(exclusive = true)
    Bandwidth bandwidth;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the table to FILE instead of stdout.")
    Path outFile;

    @Spec
    CommandSpec spec;

    /** Where the machine's memory bandwidth comes from: one of the two options, or neither. */
    static final class Bandwidth {
        @Option(
                names = "--bandwidth",
                paramLabel = "GB/S",
                description = "The machine's memory read bandwidth in GB/s, for the %% column.")
        Double given;

        @Option(
                names = "--measure-bandwidth",
                description = "Measure the memory read bandwidth with every processor first (about 2 s).")
        boolean measure;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        List<JmhResult> rows = JmhResult.read(results);
        OptionalDouble gigabytesPerSecond = bandwidth();
        StringWriter table = new StringWriter();
        print(new PrintWriter(table), rows, gigabytesPerSecond);
        if (outFile != null) {
            Files.writeString(outFile, table.toString(), StandardCharsets.UTF_8);
        } else {
            spec.commandLine().getOut().print(table);
        }
        return 0;
    }

    private OptionalDouble bandwidth() throws InterruptedException {
        if (bandwidth == null) {
            return OptionalDouble.empty();
        }
        if (bandwidth.given != null) {
            if (!(bandwidth.given > 0) || bandwidth.given.isInfinite()) {
                throw new IllegalArgumentException("--bandwidth must be a positive number of GB/s: " + bandwidth.given);
            }
            return OptionalDouble.of(bandwidth.given);
        }
        try (BandwidthProbe probe = new BandwidthProbe(BandwidthProbe.DEFAULT_BYTES)) {
            return OptionalDouble.of(
                    probe.readGigabytesPerSecond(Runtime.getRuntime().availableProcessors(), 5));
        }
    }

    /** The markdown table, a line saying where the bandwidth came from first. */
    static void print(PrintWriter out, List<JmhResult> rows, OptionalDouble bandwidth) {
        if (bandwidth.isPresent()) {
            out.printf(Locale.ROOT, "Memory read bandwidth: %.1f GB/s%n%n", bandwidth.getAsDouble());
        }
        List<String> header = new ArrayList<>(List.of("benchmark", "params", "time/op", "GB/s", "GFLOP/s"));
        if (bandwidth.isPresent()) {
            header.add("% of bandwidth");
        }
        out.println("| " + String.join(" | ", header) + " |");
        out.println("| --- | --- |" + " ---: |".repeat(header.size() - 2));
        for (JmhResult row : rows) {
            double seconds = row.secondsPerOp();
            Optional<KernelWork> work = KernelWork.of(row.benchmark(), row.params());
            List<String> cells = new ArrayList<>(List.of(
                    row.shortName(),
                    row.params().entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue())
                            .collect(Collectors.joining(" ")),
                    time(row),
                    work.map(w -> decimal(w.bytes() / seconds / 1e9)).orElse("-"),
                    work.map(w -> decimal(w.flops() / seconds / 1e9)).orElse("-")));
            if (bandwidth.isPresent()) {
                cells.add(work.map(w -> String.format(
                                Locale.ROOT, "%.0f%%", 100 * w.bytes() / seconds / 1e9 / bandwidth.getAsDouble()))
                        .orElse("-"));
            }
            out.println("| " + String.join(" | ", cells) + " |");
        }
        out.flush();
    }

    /** Time per op in the unit that keeps it between 1 and 1000, with JMH's error when it has one. */
    private static String time(JmhResult row) {
        double seconds = row.secondsPerOp();
        String[] units = {"s", "ms", "us", "ns"};
        double scale = 1;
        int unit = 0;
        while (unit < units.length - 1 && seconds * scale < 1) {
            scale *= 1000;
            unit++;
        }
        String value = decimal(seconds * scale) + " " + units[unit];
        // the error is in the score's unit; for a rate it does not carry over to time per op simply
        if (Double.isNaN(row.scoreError()) || row.unit().startsWith("ops/")) {
            return value;
        }
        return value + " ± " + decimal(row.scoreError() / row.score() * seconds * scale);
    }

    /** Three significant digits. */
    private static String decimal(double value) {
        if (value >= 100) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        if (value >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return value >= 1 ? String.format(Locale.ROOT, "%.2f", value) : String.format(Locale.ROOT, "%.3g", value);
    }
}
