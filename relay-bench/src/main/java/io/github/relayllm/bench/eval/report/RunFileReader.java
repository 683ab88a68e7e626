package io.github.relayllm.bench.eval.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads one {@code <dataset>.<policy>.jsonl} run file into its {@link RunRecord}s. Fields the report
 * does not use are ignored (the runner may add more); a missing or mistyped counter is a
 * {@link ReportInputException} naming the file and line, never a silent zero, because a zero would
 * quietly bias every mean it enters. Blank lines are skipped. Cost: one pass, one JSON tree per line.
 */
final class RunFileReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunFileReader() {}

    static List<RunRecord> read(Path file, RunFileName name) throws IOException {
        List<RunRecord> records = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String text;
            int line = 0;
            while ((text = reader.readLine()) != null) {
                line++;
                if (!text.isBlank()) {
                    records.add(new Line(file, line, parse(file, line, text)).record(name));
                }
            }
        }
        return records;
    }

    private static ObjectNode parse(Path file, int line, String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ReportInputException(file, line, "not JSON: " + e.getOriginalMessage());
        }
        if (!(node instanceof ObjectNode object)) {
            throw new ReportInputException(file, line, "expected a JSON object");
        }
        return object;
    }

    /** One parsed line and where it came from, so that every field check can name it. */
    private record Line(Path file, int number, ObjectNode row) {
        RunRecord record(RunFileName name) {
            matchesName("dataset", name.dataset());
            matchesName("policy", name.policy());
            return new RunRecord(
                    bool("correct"),
                    bool("correct_reference"),
                    optionalBool("judge_correct"),
                    count("calls"),
                    count("generated_tokens"),
                    count("slm_generated_tokens"),
                    count("llm_generated_tokens"),
                    count("slm_prefill_tokens"),
                    count("llm_prefill_tokens"),
                    milliseconds("wall_ms"));
        }

        /** The name decides where a line is counted; a line that says otherwise was misfiled. */
        private void matchesName(String field, String expected) {
            JsonNode value = row.get(field);
            if (value != null && !value.isNull() && !value.asText().equals(expected)) {
                throw fault(
                        "\"%s\" is \"%s\" but the file name says \"%s\"".formatted(field, value.asText(), expected));
            }
        }

        private boolean bool(String field) {
            JsonNode value = required(field);
            if (!value.isBoolean()) {
                throw fault("\"%s\" must be true or false, not %s".formatted(field, value));
            }
            return value.booleanValue();
        }

        private Optional<Boolean> optionalBool(String field) {
            JsonNode value = row.get(field);
            if (value == null || value.isNull()) {
                return Optional.empty();
            }
            if (!value.isBoolean()) {
                throw fault("\"%s\" must be true, false or null, not %s".formatted(field, value));
            }
            return Optional.of(value.booleanValue());
        }

        private long count(String field) {
            JsonNode value = required(field);
            if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
                throw fault("\"%s\" must be a non-negative integer, not %s".formatted(field, value));
            }
            return value.longValue();
        }

        private double milliseconds(String field) {
            JsonNode value = required(field);
            if (!value.isNumber() || !(value.doubleValue() >= 0) || Double.isInfinite(value.doubleValue())) {
                throw fault("\"%s\" must be a non-negative number, not %s".formatted(field, value));
            }
            return value.doubleValue();
        }

        private JsonNode required(String field) {
            JsonNode value = row.get(field);
            if (value == null || value.isNull()) {
                throw fault("missing field \"%s\"".formatted(field));
            }
            return value;
        }

        private ReportInputException fault(String reason) {
            return new ReportInputException(file, number, reason);
        }
    }
}
