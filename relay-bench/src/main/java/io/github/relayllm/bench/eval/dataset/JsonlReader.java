package io.github.relayllm.bench.eval.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.relayllm.bench.eval.grading.ExtractionMode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a JSONL file into items by a {@link DatasetLayout}: one JSON object a line, blank lines
 * skipped (they still count for line numbers). Every problem becomes a {@link
 * DatasetFormatException} naming the file, line and field; nothing is silently dropped.
 */
final class JsonlReader {
    // Big decimals keep a number answer's digits as written ("0.1" stays "0.1", not a double's).
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private JsonlReader() {}

    static List<DatasetItem> read(Path file, DatasetLayout layout) throws IOException {
        List<DatasetItem> items = new ArrayList<>();
        Map<String, Integer> lineOfId = new HashMap<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int lineNumber = 0;
            for (String line; (line = reader.readLine()) != null; ) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                DatasetItem item = new Line(file, lineNumber, parse(file, lineNumber, line)).item(layout, line);
                Integer first = lineOfId.putIfAbsent(item.id(), lineNumber);
                if (first != null) {
                    throw new DatasetFormatException(
                            file,
                            lineNumber,
                            layout.idField().orElse("id"),
                            "duplicate id '%s' (first on line %d)".formatted(item.id(), first));
                }
                items.add(item);
            }
        }
        return items;
    }

    private static JsonNode parse(Path file, int lineNumber, String line) throws DatasetFormatException {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new DatasetFormatException(file, lineNumber, null, "malformed JSON: " + e.getOriginalMessage());
        }
        if (!node.isObject()) {
            throw new DatasetFormatException(
                    file, lineNumber, null, "expected a JSON object, got " + node.getNodeType());
        }
        return node;
    }

    /** One parsed line, which knows where it came from for its error messages. */
    private record Line(Path file, int number, JsonNode node) {
        DatasetItem item(DatasetLayout layout, String raw) throws DatasetFormatException {
            String question = requireText(layout.questionField());
            String answer = nonBlank(layout.answer().field(), answer(layout.answer()), "empty answer");
            String id = layout.idField().isPresent() ? id(layout.idField().get()) : Integer.toString(number);
            return new DatasetItem(id, question, answer, number, raw);
        }

        private String answer(AnswerSource source) throws DatasetFormatException {
            return switch (source) {
                case AnswerSource.Plain(String field) ->
                    scalar(field, required(field)).strip();
                case AnswerSource.AfterHashes(String field) -> {
                    String text = requireText(field);
                    int marker = text.lastIndexOf("####");
                    if (marker < 0) {
                        throw fail(field, "no '#### ' final answer");
                    }
                    yield text.substring(marker + 4).strip().replace(",", "");
                }
                case AnswerSource.LastBoxed(String field) ->
                    ExtractionMode.STRICT
                            .extract(requireText(field))
                            .map(String::strip)
                            .orElseThrow(() -> fail(field, "no closed \\boxed{...} answer"));
                case AnswerSource.FirstOfList(String field) -> {
                    JsonNode list = required(field);
                    if (!list.isArray()) {
                        throw fail(field, "expected a list, got " + list.getNodeType());
                    }
                    if (list.isEmpty()) {
                        throw fail(field, "empty list");
                    }
                    yield stripDollars(scalar(field + "[0]", list.get(0)).strip());
                }
            };
        }

        private String id(String field) throws DatasetFormatException {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                return Integer.toString(number);
            }
            if (value.isTextual() || value.isIntegralNumber()) {
                return nonBlank(field, value.asText(), "empty id");
            }
            throw fail(field, "expected a string or an integer, got " + value.getNodeType());
        }

        private JsonNode required(String field) throws DatasetFormatException {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                throw fail(field, "missing");
            }
            return value;
        }

        private String requireText(String field) throws DatasetFormatException {
            JsonNode value = required(field);
            if (!value.isTextual()) {
                throw fail(field, "expected a string, got " + value.getNodeType());
            }
            return nonBlank(field, value.textValue(), "empty");
        }

        private String scalar(String field, JsonNode value) throws DatasetFormatException {
            if (value.isTextual()) {
                return value.textValue();
            }
            if (value.isIntegralNumber()) {
                return value.asText();
            }
            if (value.isNumber()) {
                return value.decimalValue().toPlainString();
            }
            throw fail(field, "expected a string or a number, got " + value.getNodeType());
        }

        private String nonBlank(String field, String text, String problem) throws DatasetFormatException {
            if (text.isBlank()) {
                throw fail(field, problem);
            }
            return text;
        }

        private DatasetFormatException fail(String field, String problem) {
            return new DatasetFormatException(file, number, field, problem);
        }

        private static String stripDollars(String text) {
            int from = 0;
            int to = text.length();
            while (from < to && text.charAt(from) == '$') {
                from++;
            }
            while (to > from && text.charAt(to - 1) == '$') {
                to--;
            }
            return text.substring(from, to).strip();
        }
    }
}
