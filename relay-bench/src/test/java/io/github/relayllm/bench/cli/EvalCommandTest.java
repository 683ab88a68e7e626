package io.github.relayllm.bench.cli;

import static io.github.relayllm.bench.cli.CliRun.relay;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.relayllm.bench.eval.dataset.Benchmark;
import io.github.relayllm.kernels.testkit.SharedOracle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code relay eval} end to end with scripted responders: grading, result files, resuming. */
class EvalCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FIELDS = List.of(
            "dataset",
            "policy",
            "id",
            "repeat",
            "seed",
            "response",
            "extracted",
            "extracted_reference",
            "gold",
            "correct",
            "correct_reference",
            "judge_correct",
            "status",
            "turns",
            "calls",
            "generated_tokens",
            "slm_generated_tokens",
            "llm_generated_tokens",
            "slm_prefill_tokens",
            "llm_prefill_tokens",
            "call_ratio",
            "wall_ms");

    @TempDir
    Path dir;

    /** A MATH-500-shaped file of {@code n} problems whose answers are words, fractions and numbers. */
    private Path math500(int n) throws IOException {
        List<String> lines = new ArrayList<>();
        String[] answers = {"\\\\frac{1}{2}", "42", "x^2+1", "\\\\text{even}", "(1, 2)", "3\\\\sqrt{2}", "7"};
        for (int i = 0; i < n; i++) {
            lines.add("{\"problem\": \"Question %d?\", \"answer\": \"%s\", \"unique_id\": \"test/p/%d.json\"}"
                    .formatted(i, answers[i % answers.length], i));
        }
        Path file = dir.resolve("math500.test.jsonl");
        Files.write(file, lines);
        return file;
    }

    private static List<JsonNode> lines(Path file) throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            rows.add(JSON.readTree(line));
        }
        return rows;
    }

    private CliRun scripted(String responder, String... datasetsAndMore) {
        List<String> args = new ArrayList<>(List.of(
                "eval", "--responder", responder, "--out", dir.resolve("out").toString()));
        args.addAll(List.of(datasetsAndMore));
        return relay(args.toArray(String[]::new));
    }

    @Test
    void goldScoresEverySampleOfAllSixBenchmarksAndWrongNone() throws IOException {
        Path datasets = SharedOracle.require("datasets");
        List<String> specs = new ArrayList<>();
        for (Benchmark b : Benchmark.values()) {
            specs.add("--dataset");
            specs.add(b.key() + "=" + datasets.resolve(b.fileName()));
        }
        specs.addAll(List.of("--limit", "5"));
        for (String responder : List.of("gold", "wrong")) {
            CliRun run = scripted(responder, specs.toArray(String[]::new));
            assertThat(run.exitCode()).as(run.err()).isZero();
            boolean right = responder.equals("gold");
            for (Benchmark b : Benchmark.values()) {
                Path file = dir.resolve("out").resolve(b.key() + "." + responder + ".jsonl");
                List<JsonNode> rows = lines(file);
                assertThat(rows).hasSize(5 * b.defaultRepeats());
                for (JsonNode row : rows) {
                    assertThat(row.get("correct").asBoolean())
                            .as(row.toString())
                            .isEqualTo(right);
                    assertThat(row.get("correct_reference").asBoolean())
                            .as(row.toString())
                            .isEqualTo(right);
                    assertThat(row.get("dataset").asText()).isEqualTo(b.key());
                    assertThat(row.get("policy").asText()).isEqualTo(responder);
                }
                assertThat(run.out()).contains(b.key() + " " + responder + ": " + 5 * b.defaultRepeats() + " samples");
            }
            assertThat(run.out()).contains(right ? "strict 100.0%" : "strict 0.0%");
        }
    }

    @Test
    void aLineHasExactlyTheReportsFieldsInOrder() throws IOException {
        CliRun run = scripted("gold", "--dataset", "math500=" + math500(2), "--seed", "7");
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<JsonNode> rows = lines(dir.resolve("out/math500.gold.jsonl"));
        assertThat(rows).hasSize(2);
        // Scripted answers run on several threads: the lines come in finishing order.
        JsonNode row = rows.stream()
                .filter(r -> r.get("id").asText().equals("test/p/0.json"))
                .findFirst()
                .orElseThrow();
        List<String> names = new ArrayList<>();
        row.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactlyElementsOf(FIELDS);
        assertThat(row.get("id").asText()).isEqualTo("test/p/0.json");
        assertThat(row.get("extracted").asText()).isEqualTo("\\frac{1}{2}");
        assertThat(row.get("gold").asText()).isEqualTo("\\frac{1}{2}");
        assertThat(row.get("judge_correct").isNull()).isTrue();
        assertThat(row.get("status").asText()).isEqualTo("finished");
        assertThat(row.get("generated_tokens").asInt()).isZero();
        assertThat(row.get("call_ratio").asDouble()).isZero();
        assertThat(row.get("wall_ms").asDouble()).isNotNegative();
        Path elsewhere = dir.resolve("seed8");
        CliRun other = relay(
                "eval",
                "--responder",
                "gold",
                "--dataset",
                "math500=" + math500(2),
                "--seed",
                "8",
                "--out",
                elsewhere.toString());
        assertThat(other.exitCode()).as(other.err()).isZero();
        assertThat(lines(elsewhere.resolve("math500.gold.jsonl")).stream()
                        .filter(r -> r.get("id").asText().equals("test/p/0.json"))
                        .findFirst()
                        .orElseThrow()
                        .get("seed")
                        .asLong())
                .isNotEqualTo(row.get("seed").asLong());
    }

    @Test
    void aRerunAppendsOnlyTheMissingSamples() throws IOException {
        Path data = math500(7);
        assertThat(scripted("gold", "--dataset", "math500=" + data, "--limit", "3", "--repeats", "2")
                        .exitCode())
                .isZero();
        Path file = dir.resolve("out/math500.gold.jsonl");
        assertThat(lines(file)).hasSize(6);
        String before = Files.readString(file);
        CliRun second = scripted("gold", "--dataset", "math500=" + data, "--limit", "5", "--repeats", "2");
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out()).contains("10 samples (6 resumed)").contains("strict 100.0% (10)");
        assertThat(Files.readString(file)).startsWith(before);
        List<JsonNode> rows = lines(file);
        assertThat(rows).hasSize(10);
        Set<String> keys = new HashSet<>();
        for (JsonNode row : rows) {
            assertThat(keys.add(row.get("id").asText() + "#" + row.get("repeat").asInt()))
                    .as("duplicate " + row)
                    .isTrue();
        }
    }

    @Test
    void aTruncatedLastLineIsCutOffAndItsSampleRunAgain() throws IOException {
        Path data = math500(3);
        assertThat(scripted("wrong", "--dataset", "math500=" + data).exitCode()).isZero();
        Path file = dir.resolve("out/math500.wrong.jsonl");
        String whole = Files.readString(file);
        Files.writeString(file, whole.substring(0, whole.length() - 30));
        CliRun rerun = scripted("wrong", "--dataset", "math500=" + data);
        assertThat(rerun.exitCode()).as(rerun.err()).isZero();
        assertThat(rerun.err()).contains("cut off an interrupted last line");
        assertThat(rerun.out()).contains("3 samples (2 resumed)");
        List<JsonNode> rows = lines(file);
        assertThat(rows).hasSize(3);
        assertThat(rows.stream().map(r -> r.get("id").asText()).distinct()).hasSize(3);
    }

    @Test
    void aLineOfAnotherPolicyIsAnErrorNamingTheFileAndLine() throws IOException {
        Path data = math500(2);
        assertThat(scripted("gold", "--dataset", "math500=" + data).exitCode()).isZero();
        Path file = dir.resolve("out/math500.gold.jsonl");
        String foreign = Files.readAllLines(file).getFirst().replace("\"policy\":\"gold\"", "\"policy\":\"relay\"");
        Files.writeString(file, Files.readString(file) + foreign + "\n");
        CliRun run = scripted("gold", "--dataset", "math500=" + data);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains(file + ":3:").contains("policy 'relay'").doesNotContain("Exception");
    }

    @Test
    void badArgumentsAreUsageErrors() throws IOException {
        Path data = math500(1);
        assertThat(scripted("gold", "--dataset", "math5000=" + data).err()).contains("unknown benchmark");
        assertThat(scripted("gold", "--dataset", "math500=" + data).exitCode()).isZero();
        assertThat(scripted("gold", "--dataset", "math500").exitCode()).isEqualTo(2);
        assertThat(scripted("maybe", "--dataset", "math500=" + data).exitCode()).isEqualTo(2);
        assertThat(scripted("gold", "--dataset", "math500=" + data, "--policy", "slm")
                        .exitCode())
                .isEqualTo(2);
        assertThat(scripted("gold", "--dataset", "math500=" + data, "--limit", "0")
                        .exitCode())
                .isEqualTo(2);
        CliRun noResponder = relay("eval", "--dataset", "math500=" + data, "--out", dir.toString());
        assertThat(noResponder.exitCode()).isEqualTo(2);
        assertThat(noResponder.err()).contains("--responder");
        CliRun missing = scripted("gold", "--dataset", "gsm8k=" + dir.resolve("none.jsonl"));
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("none.jsonl");
    }
}
