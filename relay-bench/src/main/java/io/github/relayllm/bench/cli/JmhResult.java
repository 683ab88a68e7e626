package io.github.relayllm.bench.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/**
 * One entry of a JMH JSON result file ({@code -rf json}): a benchmark, its parameters and its primary
 * score. Only what {@code relay jmh-table} shows is kept.
 *
 * <p>Invariants: the score is positive and finite, its unit is a time per operation or operations
 * per time ({@code us/op}, {@code ops/s}, ...), and the parameters keep JMH's order.
 *
 * @param benchmark JMH's full name: {@code package.Class.method}
 * @param params parameter values by name
 * @param score the mean
 * @param scoreError the half-width of the 99.9% interval; NaN when JMH had too few iterations
 * @param unit JMH's unit of the score
 */
record JmhResult(String benchmark, SequencedMap<String, String> params, double score, double scoreError, String unit) {
    JmhResult {
        params = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(params));
        if (!(score > 0) || Double.isInfinite(score)) {
            throw new IllegalArgumentException("score of %s is not positive: %s".formatted(benchmark, score));
        }
        secondsPerUnit(unit); // rejects a unit it can not convert
    }

    /** Seconds one operation took. */
    double secondsPerOp() {
        double seconds = secondsPerUnit(unit);
        return unit.startsWith("ops/") ? seconds / score : score * seconds;
    }

    /** {@code Class.method}: the name without its package. */
    String shortName() {
        String[] parts = benchmark.split("\\.");
        return parts.length >= 2 ? parts[parts.length - 2] + "." + parts[parts.length - 1] : benchmark;
    }

    /**
     * Every result of the JMH JSON file {@code file}.
     *
     * @throws IllegalArgumentException if the file is not a JMH JSON result list; the message names
     *     the file
     */
    static List<JmhResult> read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("%s is not JSON: %s".formatted(file, e.getOriginalMessage()));
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException(
                    file + " is not a JMH result file: expected a JSON list (java -jar benchmarks.jar -rf json)");
        }
        List<JmhResult> results = new ArrayList<>(root.size());
        for (JsonNode entry : root) {
            try {
                results.add(parse(entry));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "%s: entry %d is not a JMH result: %s".formatted(file, results.size() + 1, e.getMessage()));
            }
        }
        return results;
    }

    private static JmhResult parse(JsonNode entry) {
        String benchmark = text(entry, "benchmark");
        JsonNode metric = entry.path("primaryMetric");
        if (!metric.isObject()) {
            throw new IllegalArgumentException("no primaryMetric");
        }
        SequencedMap<String, String> params = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> param : entry.path("params").properties()) {
            params.put(param.getKey(), param.getValue().asText());
        }
        // JMH writes "NaN" as a string when it can not compute an error
        JsonNode error = metric.path("scoreError");
        double scoreError = error.isNumber() ? error.doubleValue() : Double.NaN;
        JsonNode score = metric.path("score");
        if (!score.isNumber()) {
            throw new IllegalArgumentException("no numeric primaryMetric.score");
        }
        return new JmhResult(benchmark, params, score.doubleValue(), scoreError, text(metric, "scoreUnit"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual()) {
            throw new IllegalArgumentException("no text field '" + field + "'");
        }
        return value.textValue();
    }

    /** Seconds in the time unit of {@code unit} ({@code us/op}: 1e-6, {@code ops/ms}: 1e-3). */
    private static double secondsPerUnit(String unit) {
        String time = unit.startsWith("ops/")
                ? unit.substring(4)
                : unit.endsWith("/op") ? unit.substring(0, unit.length() - 3) : "";
        return switch (time) {
            case "ns" -> 1e-9;
            case "us" -> 1e-6;
            case "ms" -> 1e-3;
            case "s" -> 1;
            case "min" -> 60;
            default ->
                throw new IllegalArgumentException(
                        "unit '%s' is neither a time per op nor ops per time (sample and single-shot modes are not supported)"
                                .formatted(unit));
        };
    }
}
