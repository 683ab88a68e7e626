package io.github.relayllm.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GradeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void gradesEachLineAndKeepsItsOtherFields() throws IOException {
        Path in = write("""
                {"id": 1, "pred": "\\\\dfrac{1}{2}", "gold": "0.5"}

                {"id": 2, "pred": "x = 3", "gold": 4}
                {"pred": "(1, 2)", "gold": "(1,2)", "meta": {"k": [1]}}
                """);
        CliRun run = CliRun.relay("grade", "--jsonl", in.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<JsonNode> lines = lines(run.out());
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0).get("id").asInt()).isEqualTo(1);
        assertThat(lines.get(0).get("equal").asBoolean()).isTrue();
        assertThat(lines.get(0).get("pred_normalized").asText()).isEqualTo("\\frac{1}{2}");
        assertThat(lines.get(0).get("gold_normalized").asText()).isEqualTo("0.5");
        assertThat(lines.get(0).has("extracted")).isFalse();
        assertThat(lines.get(1).get("equal").asBoolean()).isFalse();
        assertThat(lines.get(1).get("gold").asInt()).as("gold kept as a number").isEqualTo(4);
        assertThat(lines.get(2).get("equal").asBoolean()).isTrue();
        assertThat(lines.get(2).get("meta").get("k").get(0).asInt()).isEqualTo(1);
        assertThat(run.err()).contains("graded 3 lines: 2 equal");
    }

    @Test
    void extractsFromResponsesInEitherMode() throws IOException {
        Path in = write("""
                {"pred": "So \\\\boxed{1} or maybe \\\\boxed{2}", "gold": "2"}
                {"pred": "no box", "gold": "2"}
                """);
        List<JsonNode> strict = lines(
                CliRun.relay("grade", "--jsonl", in.toString(), "--extract").out());
        assertThat(strict.get(0).get("extracted").asText()).isEqualTo("2");
        assertThat(strict.get(0).get("equal").asBoolean()).isTrue();
        assertThat(strict.get(1).get("extracted").isNull()).isTrue();
        assertThat(strict.get(1).get("equal").asBoolean()).isFalse();

        List<JsonNode> reference =
                lines(CliRun.relay("grade", "--jsonl", in.toString(), "--extract", "--mode", "reference")
                        .out());
        assertThat(reference.get(0).get("extracted").asText()).isEqualTo("1} or maybe \\boxed{2");
        assertThat(reference.get(0).get("equal").asBoolean()).isFalse();
    }

    @Test
    void aBadLineIsAnErrorNamingItsNumber() throws IOException {
        Path in = write("{\"pred\": \"1\", \"gold\": \"1\"}\n{\"pred\": \"1\"}\n");
        CliRun run = CliRun.relay("grade", "--jsonl", in.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains(in + ":2:").contains("\"gold\"");

        Path broken = write("{\"pred\": \"1\", \"gold\": \"1\"}\n[1]\n");
        assertThat(CliRun.relay("grade", "--jsonl", broken.toString()).err()).contains(":2: expected a JSON object");

        Path notJson = write("{pred\n");
        assertThat(CliRun.relay("grade", "--jsonl", notJson.toString()).err()).contains(":1: not JSON");
    }

    @Test
    void rejectsAnUnknownModeAndAMissingFile() {
        CliRun badMode = CliRun.relay("grade", "--jsonl", "x.jsonl", "--mode", "lenient");
        assertThat(badMode.exitCode()).isEqualTo(2);
        assertThat(badMode.err()).contains("--mode must be strict or reference");

        CliRun missing =
                CliRun.relay("grade", "--jsonl", dir.resolve("absent.jsonl").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("no such file");
    }

    private Path write(String text) throws IOException {
        Path file = Files.createTempFile(dir, "grade", ".jsonl");
        return Files.writeString(file, text);
    }

    private static List<JsonNode> lines(String out) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                nodes.add(JSON.readTree(line));
            }
        }
        return nodes;
    }
}
