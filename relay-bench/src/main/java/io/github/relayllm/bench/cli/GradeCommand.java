package io.github.relayllm.bench.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.relayllm.bench.eval.grading.ExtractionMode;
import io.github.relayllm.bench.eval.grading.MathEquivalence;
import io.github.relayllm.bench.eval.grading.Verdict;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code relay grade --jsonl FILE}: grades {@code {"pred": ..., "gold": ...}} lines with the
 * evaluation harness's math grader and writes each line back, other fields kept, with
 * {@code equal}, {@code pred_normalized} and {@code gold_normalized} added (and {@code extracted}
 * with {@code --extract}). A count goes to stderr so that stdout stays one JSON object per line.
 */
@Command(
        name = "grade",
        description = "Grade predicted math answers against gold answers (JSON lines in, JSON lines out).",
        mixinStandardHelpOptions = true)
final class GradeCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(
            names = "--jsonl",
            required = true,
            paramLabel = "FILE",
            description =
                    "Read lines {\"pred\": ..., \"gold\": ...}; write them back with \"equal\" and the normalized forms.")
    Path jsonl;

    @Option(names = "--extract", description = "pred is a whole response: grade the boxed answer taken out of it.")
    boolean extract;

    @Option(
            names = "--mode",
            paramLabel = "MODE",
            defaultValue = "strict",
            description = "How --extract finds the answer: strict (last brace-matched box) or reference.")
    String mode;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ExtractionMode extraction = extractionMode();
        PrintWriter out = spec.commandLine().getOut();
        int lines = 0;
        int equal = 0;
        try (BufferedReader reader = Files.newBufferedReader(jsonl, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                ObjectNode row = parseLine(line, number);
                String pred = answerField(row, "pred", number);
                String gold = answerField(row, "gold", number);
                if (extract) {
                    Optional<String> extracted = extraction.extract(pred);
                    row.put("extracted", extracted.orElse(null));
                    pred = extracted.orElse("");
                }
                Verdict verdict = MathEquivalence.grade(pred, gold);
                row.put("equal", verdict.equal());
                row.put("pred_normalized", verdict.predNormalized());
                row.put("gold_normalized", verdict.goldNormalized());
                out.println(JSON.writeValueAsString(row));
                lines++;
                equal += verdict.equal() ? 1 : 0;
            }
        }
        out.flush();
        spec.commandLine().getErr().printf("graded %d lines: %d equal%n", lines, equal);
        return 0;
    }

    private ExtractionMode extractionMode() {
        return switch (mode.toLowerCase(Locale.ROOT)) {
            case "strict" -> ExtractionMode.STRICT;
            case "reference" -> ExtractionMode.REFERENCE;
            default ->
                throw new ParameterException(
                        spec.commandLine(), "--mode must be strict or reference, not '" + mode + "'");
        };
    }

    private ObjectNode parseLine(String line, int number) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "%s:%d: not JSON: %s".formatted(jsonl, number, e.getOriginalMessage()), e);
        }
        if (!(node instanceof ObjectNode object)) {
            throw new IllegalArgumentException("%s:%d: expected a JSON object".formatted(jsonl, number));
        }
        return object;
    }

    /** A string or a number (gold answers such as 42 are often written as JSON numbers). */
    private String answerField(ObjectNode row, String field, int number) {
        JsonNode value = row.get(field);
        if (value == null || !(value.isTextual() || value.isNumber())) {
            throw new IllegalArgumentException(
                    "%s:%d: expected a string or number \"%s\"".formatted(jsonl, number, field));
        }
        return value.asText();
    }
}
