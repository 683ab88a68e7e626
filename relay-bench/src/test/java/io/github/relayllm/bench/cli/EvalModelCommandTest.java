package io.github.relayllm.bench.cli;

import static io.github.relayllm.bench.cli.CliRun.relay;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code relay eval} with models: small random-weight ones, a short budget, two GSM8K-shaped items. */
class EvalModelCommandTest {
    @TempDir
    Path dir;

    @Test
    void aModelBackedRunWritesOneLinePerRequestWithTheRelaysCounters() throws IOException {
        Path out = dir.resolve("out");
        CliRun run = eval(out, "2", "1");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("gsm8k interval-4-2: 2 samples (0 resumed), strict 0.0%");
        List<String> lines = Files.readAllLines(out.resolve("gsm8k.interval-4-2.jsonl"));
        assertThat(lines).hasSize(2);
        ObjectMapper json = new ObjectMapper();
        for (String line : lines) {
            JsonNode row = json.readTree(line);
            assertThat(row.get("policy").asText()).isEqualTo("interval-4-2");
            assertThat(row.get("status").asText()).isEqualTo("finished");
            assertThat(row.get("generated_tokens").asInt()).isEqualTo(12);
            assertThat(row.get("slm_generated_tokens").asInt()
                            + row.get("llm_generated_tokens").asInt())
                    .isEqualTo(12);
            assertThat(row.get("llm_generated_tokens").asInt()).isPositive();
            assertThat(row.get("calls").asInt()).isPositive();
            assertThat(row.get("slm_prefill_tokens").asInt()).isPositive();
            assertThat(row.get("llm_prefill_tokens").asInt()).isPositive();
            assertThat(row.get("call_ratio").asDouble())
                    .isEqualTo(row.get("llm_generated_tokens").asDouble() / 12);
            assertThat(row.get("correct").asBoolean()).isFalse();
        }
    }

    @Test
    void requestsRunAtOnceThroughTheSchedulerWriteWhatTheyWriteOneByOne() throws IOException {
        CliRun oneByOne = eval(dir.resolve("one"), "3", "1");
        assertThat(oneByOne.exitCode()).as(oneByOne.err()).isZero();
        assertThat(oneByOne.err()).doesNotContain("scheduler:");
        CliRun atOnce = eval(dir.resolve("three"), "3", "3");
        assertThat(atOnce.exitCode()).as(atOnce.err()).isZero();
        assertThat(atOnce.err())
                .containsPattern(
                        "scheduler: \\d+ decode steps, [0-9.]+ sequences per step on average \\(largest \\d\\)");

        assertThat(linesById(dir.resolve("three"))).isEqualTo(linesById(dir.resolve("one")));
    }

    /** The result lines by id, without the wall time (the one field that may differ). */
    private static Map<String, JsonNode> linesById(Path out) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, JsonNode> byId = new TreeMap<>();
        for (String line : Files.readAllLines(out.resolve("gsm8k.interval-4-2.jsonl"))) {
            ObjectNode row = (ObjectNode) json.readTree(line);
            row.remove("wall_ms");
            byId.put(row.get("id").asText(), row);
        }
        assertThat(byId).hasSize(3);
        return byId;
    }

    /** {@code relay eval} of the first {@code limit} items, {@code concurrency} at once, sampled as the paper. */
    private CliRun eval(Path out, String limit, String concurrency) throws IOException {
        Path data = dir.resolve("gsm8k.jsonl");
        Files.write(
                data,
                List.of(
                        "{\"idx\": 0, \"question\": \"What is 2+2?\", \"answer\": \"2+2=4\\n#### 4\"}",
                        "{\"idx\": 1, \"question\": \"What is 3+3?\", \"answer\": \"3+3=6\\n#### 6\"}",
                        "{\"idx\": 2, \"question\": \"What is 4+4?\", \"answer\": \"4+4=8\\n#### 8\"}"));
        return relay(
                "eval",
                "--slm",
                synth("slm.gguf", "64").toString(),
                "--llm",
                synth("llm.gguf", "128").toString(),
                "--dataset",
                "gsm8k=" + data,
                "--limit",
                limit,
                "--concurrency",
                concurrency,
                "--policy",
                "interval",
                "--call-every",
                "4",
                "--call-tokens",
                "2",
                "-n",
                "12",
                "--ignore-eos",
                "-t",
                "1",
                "--out",
                out.toString());
    }

    private Path synth(String name, String hidden) {
        Path file = dir.resolve(name);
        if (Files.exists(file)) {
            return file;
        }
        CliRun run = relay(
                "synth",
                "--shape",
                "qwen3-0.6b",
                "--layers",
                "1",
                "--hidden",
                hidden,
                "--heads",
                "2",
                "--kv-heads",
                "1",
                "--head-dim",
                "32",
                "--ffn",
                "128",
                "--vocab-size",
                "512",
                "--out",
                file.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        return file;
    }
}
