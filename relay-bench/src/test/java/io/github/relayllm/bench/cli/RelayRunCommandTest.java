package io.github.relayllm.bench.cli;

import static io.github.relayllm.bench.cli.CliRun.relay;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code relay run} and {@code relay demo} end to end, on small random-weight models. */
class RelayRunCommandTest {
    @TempDir
    static Path dir;

    static Path slm;
    static Path llm;

    @BeforeAll
    static void writeModels() {
        slm = synth("slm.gguf", "1", "64", "512");
        llm = synth("llm.gguf", "2", "128", "512");
    }

    static Path synth(String name, String layers, String hidden, String vocabulary) {
        Path file = dir.resolve(name);
        CliRun run = relay(
                "synth",
                "--shape",
                "qwen3-0.6b",
                "--layers",
                layers,
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
                vocabulary,
                "--out",
                file.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        return file;
    }

    static CliRun scripted(String... more) {
        String[] base = {
            "run",
            "--slm",
            slm.toString(),
            "--llm",
            llm.toString(),
            "--raw-prompt",
            "User: hi\nAssistant:",
            "--policy",
            "scripted",
            "--call-every",
            "5",
            "--call-tokens",
            "2",
            "-n",
            "20",
            "--ignore-eos",
            "--temperature",
            "0",
            "-t",
            "1"
        };
        String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return relay(args);
    }

    @Test
    void runJsonHasTheScenarioNamesAndConsistentCounters() throws IOException {
        CliRun run = scripted("--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = run.json();
        assertThat(json.get("status").asText()).isEqualTo("done");
        assertThat(json.get("generated_tokens").asInt()).isEqualTo(20);
        assertThat(json.get("slm_generated_tokens").asInt()
                        + json.get("llm_generated_tokens").asInt())
                .isEqualTo(20);
        assertThat(json.get("calls").asInt()).isEqualTo(3);
        assertThat(json.get("llm_generated_tokens").asInt()).isEqualTo(5);
        assertThat(json.get("call_ratio").asDouble()).isEqualTo(5 / 20.0);
        assertThat(json.get("final_answer").asText()).contains("<call>2</call>");
        assertThat(json.get("slm_prefill_tokens").asInt()).isPositive();
        assertThat(json.get("llm_prefill_tokens").asInt()).isPositive();
        assertThat(json.get("timings").get("total_ms").asDouble()).isPositive();
        assertThat(json.get("trace").get("hand_offs").asInt()).isEqualTo(5);
    }

    @Test
    void runStreamsTheAnswerWithTheLlmsTextMarkedAndWritesATrace() throws IOException {
        Path trace = dir.resolve("trace.html");
        CliRun run = scripted("--trace", trace.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("[[")
                .contains("]]")
                .contains("{{<call>2</call>}}")
                .contains("status done");
        assertThat(Files.readString(trace)).contains("<html").contains("&lt;call&gt;2&lt;/call&gt;");
    }

    @Test
    void modelsWithDifferentVocabulariesAreRefused() {
        Path other = synth("other.gguf", "1", "64", "640");
        CliRun run = relay("run", "--slm", slm.toString(), "--llm", other.toString(), "--prompt", "hi", "-t", "1");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("one vocabulary").doesNotContain("Exception");
    }

    @Test
    void exactlyOneLlmIsNeeded() {
        CliRun run = relay("run", "--slm", slm.toString(), "--prompt", "hi");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--llm");
    }

    @Test
    void demoWritesItsModelsOnceAndRunsAScriptedRelay() {
        Path cache = dir.resolve("cache");
        CliRun first = relay("demo", "--cache-dir", cache.toString(), "-t", "2");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out())
                .contains("Random weights")
                .contains("status done")
                .contains("trace: ");
        assertThat(cache.resolve("demo-trace.html")).isRegularFile();
        assertThat(first.err()).contains("writing");
        CliRun second = relay("demo", "--cache-dir", cache.toString(), "-t", "2");
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.err()).doesNotContain("writing");
    }
}
