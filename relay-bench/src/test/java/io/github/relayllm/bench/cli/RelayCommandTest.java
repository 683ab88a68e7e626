package io.github.relayllm.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.relayllm.kernels.backend.Backends;
import io.github.relayllm.kernels.testkit.SharedOracle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RelayCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static CliRun relay(String... args) {
        return CliRun.relay(args);
    }

    @Test
    void infoJsonHasTheFieldsOutsideToolsParse() throws IOException {
        Path stories = SharedOracle.require("oracle/models/stories260K.gguf");
        CliRun run = relay("info", stories.toString(), "--json");
        assertThat(run.exitCode()).isZero();
        JsonNode info = run.json();
        for (String field : new String[] {
            "architecture", "vocab_size", "hidden_size", "n_layers", "n_heads", "n_kv_heads", "head_dim",
            "ffn_size", "rope_theta", "norm_eps", "tied_embeddings", "context_length", "bos_id", "eos_ids",
            "has_chat_template", "tokenizer", "tensors"
        }) {
            assertThat(info.has(field)).as(field).isTrue();
        }
        assertThat(info.get("architecture").asText()).isEqualTo("llama");
        assertThat(info.get("n_layers").asInt()).isEqualTo(5);
        assertThat(info.get("head_dim").asInt()).isEqualTo(8);
        assertThat(info.get("eos_ids").toString()).isEqualTo("[2]");
        assertThat(info.get("tokenizer").toString()).isEqualTo("{\"kind\":\"llama\",\"pre\":\"default\",\"size\":512}");
        JsonNode embedding = info.get("tensors").get(0);
        assertThat(embedding.get("name").asText()).isEqualTo("token_embd.weight");
        assertThat(embedding.get("dtype").asText()).isEqualTo("f32");
        assertThat(embedding.get("shape").toString()).isEqualTo("[512,64]"); // outermost first
        assertThat(embedding.get("bytes").asLong()).isEqualTo(512 * 64 * 4);
        assertThat(run.err()).isEmpty();
    }

    @Test
    void infoReportsVocabularyOnlyFiles() throws IOException {
        CliRun run = relay(
                "info",
                SharedOracle.require("oracle/vocab/ggml-vocab-llama-spm.gguf").toString(),
                "--json");
        assertThat(run.exitCode()).isZero();
        JsonNode info = run.json();
        assertThat(info.get("runnable").asBoolean()).isFalse();
        assertThat(info.get("note").asText()).contains("vocabulary only");
        assertThat(info.get("vocab_size").asInt()).isEqualTo(32000);
        assertThat(info.get("n_layers").isNull()).isTrue();
        assertThat(info.get("tensors").size()).isZero();
    }

    @Test
    void badInputIsOneLineOnStderrAndExitCodeOne() throws IOException {
        Path text = Files.writeString(dir.resolve("model.gguf"), "definitely not a model");
        CliRun run = relay("info", text.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err())
                .startsWith("relay info: error: ")
                .contains("model.gguf")
                .doesNotContain("\tat ");

        CliRun missing = relay("info", dir.resolve("absent.gguf").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("no such file").contains("absent.gguf");
    }

    @Test
    void debugAddsTheStackTrace() throws IOException {
        Path text = Files.writeString(dir.resolve("model.gguf"), "definitely not a model");
        CliRun run = relay("--debug", "info", text.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("\tat ");
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(relay("info").exitCode()).isEqualTo(2);
        assertThat(relay("no-such-command").exitCode()).isEqualTo(2);
        CliRun unknownShape = relay(
                "synth", "--shape", "gpt-5", "--out", dir.resolve("x.gguf").toString());
        assertThat(unknownShape.exitCode()).isEqualTo(2);
        assertThat(unknownShape.err()).contains("unknown --shape gpt-5").contains("qwen3-0.6b");
        CliRun incomplete =
                relay("synth", "--arch", "qwen3", "--out", dir.resolve("x.gguf").toString());
        assertThat(incomplete.exitCode()).isEqualTo(2);
        CliRun inconsistent = relay(
                "synth",
                "--arch",
                "llama",
                "--layers",
                "1",
                "--hidden",
                "64",
                "--heads",
                "6",
                "--kv-heads",
                "4",
                "--ffn",
                "64",
                "--out",
                dir.resolve("x.gguf").toString());
        assertThat(inconsistent.exitCode()).isEqualTo(2);
        assertThat(inconsistent.err()).contains("multiple of kv head count");
    }

    @Test
    void synthWritesAModelThatInfoDescribes() throws IOException {
        Path model = dir.resolve("tiny.gguf");
        CliRun synth = relay(
                "synth",
                "--shape",
                "qwen3-0.6b",
                "--layers",
                "1",
                "--hidden",
                "64",
                "--heads",
                "2",
                "--kv-heads",
                "1",
                "--head-dim",
                "32",
                "--ffn",
                "64",
                "--vocab-size",
                "512",
                "--out",
                model.toString(),
                "--json");
        assertThat(synth.exitCode()).as(synth.err()).isZero();
        assertThat(synth.json().get("parameters").asLong()).isPositive();
        CliRun info = relay("info", model.toString(), "--json");
        assertThat(info.exitCode()).as(info.err()).isZero();
        JsonNode json = info.json();
        assertThat(json.get("architecture").asText()).isEqualTo("qwen3");
        assertThat(json.get("n_layers").asInt()).isEqualTo(1);
        assertThat(json.get("vocab_size").asInt()).isEqualTo(512);
        assertThat(json.get("tensors").get(0).get("dtype").asText()).isEqualTo("q8_0");

        CliRun text = relay("info", model.toString());
        assertThat(text.out()).contains("qwen3").contains("blk.0.ffn_down.weight");
    }

    @Test
    void quantizeRewritesMatrices() throws IOException {
        Path f32 = dir.resolve("f32.gguf");
        assertThat(relay(
                                "synth",
                                "--arch",
                                "llama",
                                "--layers",
                                "1",
                                "--hidden",
                                "64",
                                "--heads",
                                "4",
                                "--ffn",
                                "128",
                                "--vocab-size",
                                "300",
                                "--dtype",
                                "f32",
                                "--out",
                                f32.toString())
                        .exitCode())
                .isZero();
        Path q4 = dir.resolve("q4.gguf");
        CliRun run = relay("quantize", f32.toString(), q4.toString(), "--dtype", "q4_0");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode info = relay("info", q4.toString(), "--json").json();
        assertThat(info.get("tensors").get(0).get("dtype").asText()).isEqualTo("q4_0");
    }

    @Test
    void tokenizeMatchesTheStoriesOraclePrompt() {
        Path stories = SharedOracle.require("oracle/models/stories260K.gguf");
        CliRun run = relay("tokenize", stories.toString(), "Once upon a time", "--bos", "--ids");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().strip()).isEqualTo("1 403 407 261 378"); // the summary's "# tokens" line
    }

    @Test
    void tokenizeJsonlWritesOneLinePerInputWithTheVectorsConvention() throws IOException {
        Path vocab = SharedOracle.require("oracle/vocab/ggml-vocab-qwen3.gguf");
        Path input = Files.writeString(
                dir.resolve("in.jsonl"), "{\"text\": \"Hello world\"}\n\n{\"text\": \"<|im_start|><think>\"}\n");
        CliRun run = relay("tokenize", vocab.toString(), "--jsonl", input.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        var lines = run.out().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(JSON.readTree(lines.get(0)).get("ids").toString()).isEqualTo("[9707,1879]");
        JsonNode second = JSON.readTree(lines.get(1));
        assertThat(second.get("text").asText()).isEqualTo("<|im_start|><think>");
        // Specials are text (several ids), the added token <think> is matched (its one id last).
        assertThat(second.get("ids").size()).isGreaterThan(2);
        assertThat(second.get("ids").get(second.get("ids").size() - 1).asInt()).isEqualTo(151667);

        Path bad = Files.writeString(dir.resolve("bad.jsonl"), "{\"text\": 3}\n");
        CliRun failed = relay("tokenize", vocab.toString(), "--jsonl", bad.toString());
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.err()).contains("bad.jsonl:1");
        assertThat(relay("tokenize", vocab.toString()).exitCode()).isEqualTo(2);
    }

    @Test
    void templateRendersEveryOracleCaseExactly() throws IOException {
        // The Qwen3 oracle GGUF carries the Qwen3-2507-Thinking template; the hybrid one goes into an
        // HF directory, the way a checkpoint ships it.
        Path gguf = SharedOracle.require("oracle/models/qwen3-oracle-small-q8_0.gguf");
        JsonNode thinking = JSON.readTree(SharedOracle.require("oracle/chat-templates/qwen3-2507-thinking.json")
                .toFile());
        JsonNode hybrid = JSON.readTree(
                SharedOracle.require("oracle/chat-templates/qwen3-hybrid.json").toFile());
        Path hf = Files.createDirectories(dir.resolve("hf"));
        Files.writeString(
                hf.resolve("chat_template.jinja"), hybrid.get("template").asText());
        assertAllCasesRender(gguf, thinking);
        assertAllCasesRender(hf, hybrid);
    }

    private void assertAllCasesRender(Path model, JsonNode oracle) throws IOException {
        for (JsonNode testCase : oracle.get("cases")) {
            Path inputs = dir.resolve("inputs.json");
            JSON.writeValue(inputs.toFile(), testCase.get("inputs"));
            CliRun run = relay("template", model.toString(), "--inputs", inputs.toString());
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out())
                    .as(testCase.get("name").asText())
                    .isEqualTo(testCase.get("expected").asText());
        }
    }

    @Test
    void aMalformedTemplateIsReportedWithItsLine() throws IOException {
        Path hf = Files.createDirectories(dir.resolve("broken"));
        Files.writeString(hf.resolve("chat_template.jinja"), "{% for m in messages %}\n{{ m.content }}\n");
        Path inputs = Files.writeString(dir.resolve("in.json"), "{\"messages\": []}");
        CliRun run = relay("template", hf.toString(), "--inputs", inputs.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("line");
        Path noTemplate = Files.createDirectories(dir.resolve("plain"));
        assertThat(relay("template", noTemplate.toString(), "--inputs", inputs.toString())
                        .err())
                .contains("has no chat template");
    }

    @Test
    void generateJsonGivesLlamaCppsGreedyStory() throws IOException {
        Path stories = SharedOracle.require("oracle/models/stories260K.gguf");
        CliRun run = relay(
                "generate", stories.toString(), "-p", "Once upon a time", "--temperature", "0", "-n", "8", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode result = run.json();
        assertThat(result.get("prompt_ids").toString()).isEqualTo("[1,403,407,261,378]");
        assertThat(result.get("ids").toString()).isEqualTo("[432,383,286,261,376,298,315,421]");
        assertThat(result.get("text").asText()).isEqualTo(", there was a little girl"); // "girl" is 3 pieces
        assertThat(result.get("finish_reason").asText()).isEqualTo("length");
        JsonNode timings = result.get("timings");
        assertThat(timings.get("prompt_n").asInt()).isEqualTo(5);
        assertThat(timings.get("predicted_n").asInt()).isEqualTo(8);
        assertThat(timings.has("prompt_ms") && timings.has("predicted_ms")).isTrue();
    }

    /** The same greedy story on the OpenCL backend (PoCL in CI), with a device chosen by index. */
    @Test
    void generateOnTheOpenClBackendGivesLlamaCppsGreedyStory() throws IOException {
        Path stories = SharedOracle.require("oracle/models/stories260K.gguf");
        assumeTrue(
                Backends.providers().stream().anyMatch(p -> p.name().equals("opencl") && p.isAvailable()),
                "no OpenCL device here (CI installs PoCL)");
        CliRun run = relay(
                "generate",
                stories.toString(),
                "--backend",
                "opencl",
                "--device",
                "0",
                "-p",
                "Once upon a time",
                "--temperature",
                "0",
                "-n",
                "24",
                "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        // The first 24 ids of the oracle summary's "# greedy:" line.
        assertThat(run.json().get("ids").toString())
                .isEqualTo(
                        "[432,383,286,261,376,298,315,421,395,317,426,338,401,396,267,337,410,408,419,292,411,322,265,282]");
        assertThat(run.json().get("text").asText()).startsWith(", there was a little girl named Lily.");
    }

    @Test
    void devicesListsEveryBackendAndTheOpenClDevices() throws IOException {
        CliRun run = relay("devices", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode backends = run.json().get("backends");
        assertThat(backends.findValuesAsText("name")).contains("cpu", "reference", "opencl");
        for (JsonNode backend : backends) {
            if (backend.get("name").asText().equals("opencl")) {
                boolean available = backend.get("available").asBoolean();
                assertThat(backend.get("devices").isEmpty()).isEqualTo(!available);
                assertThat(backend.get("reason").isNull()).isEqualTo(available);
            }
        }
        CliRun text = relay("devices");
        assertThat(text.exitCode()).isZero();
        assertThat(text.out()).contains("cpu: available").contains("opencl: ");
    }

    @Test
    void generateStopsAtAStopStringAndKeepsIt() throws IOException {
        Path stories = SharedOracle.require("oracle/models/stories260K.gguf");
        CliRun run = relay(
                "generate",
                stories.toString(),
                "-p",
                "Once upon a time",
                "--temperature",
                "0",
                "-n",
                "40",
                "--stop",
                "Lily",
                "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().get("finish_reason").asText()).isEqualTo("stop");
        assertThat(run.json().get("text").asText()).isEqualTo(", there was a little girl named Lily");
    }

    @Test
    void generateRejectsBadPrompts() {
        Path stories = SharedOracle.require("oracle/models/stories260K.gguf");
        CliRun outOfRange = relay("generate", stories.toString(), "--tokens", "1,99999");
        assertThat(outOfRange.exitCode()).isEqualTo(1);
        assertThat(outOfRange.err()).contains("99999").contains("outside the vocabulary");
        Path qwen3 = SharedOracle.require("oracle/models/qwen3-oracle-small-f32.gguf");
        CliRun empty = relay("generate", qwen3.toString(), "-p", "");
        assertThat(empty.exitCode()).isEqualTo(1);
        assertThat(empty.err()).contains("empty");
        assertThat(relay("generate", stories.toString()).exitCode()).isEqualTo(2);
    }

    @Test
    void logitsJsonReportsPromptAndGreedyRows() throws IOException {
        Path stories = SharedOracle.require("oracle/models/stories260K.gguf");
        CliRun run = relay("logits", stories.toString(), "--tokens", "1,403,407", "--gen", "2", "--top", "3", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode rows = run.json().get("rows");
        assertThat(rows.size()).isEqualTo(5);
        assertThat(rows.get(0).get("token").asInt()).isEqualTo(1);
        assertThat(rows.get(0).get("argmax").asInt()).isEqualTo(403);
        assertThat(rows.get(3).get("token").asInt())
                .isEqualTo(rows.get(2).get("argmax").asInt());
        assertThat(rows.get(4).get("pos").asInt()).isEqualTo(4);
        assertThat(rows.get(1).get("top_ids").size()).isEqualTo(3);
        assertThat(rows.get(1).get("top_ids").get(0).asInt())
                .isEqualTo(rows.get(1).get("argmax").asInt());
    }

    @Test
    void benchJsonHasLlamaBenchFieldsAndSkipsTestsOfSizeZero() throws IOException {
        Path stories = SharedOracle.require("oracle/models/stories260K.gguf");
        CliRun run = relay("bench", stories.toString(), "-p", "16", "-n", "8", "-r", "2", "-t", "1", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode tests = run.json();
        assertThat(tests.size()).isEqualTo(2);
        assertThat(tests.get(0).get("n_prompt").asInt()).isEqualTo(16);
        assertThat(tests.get(0).get("n_gen").asInt()).isZero();
        assertThat(tests.get(1).get("n_prompt").asInt()).isZero();
        assertThat(tests.get(1).get("n_gen").asInt()).isEqualTo(8);
        assertThat(tests.get(1).get("n_threads").asInt()).isEqualTo(1);
        assertThat(tests.get(1).get("avg_ts").asDouble()).isPositive();
        assertThat(tests.get(1).has("stddev_ts")).isTrue();
        CliRun promptOnly = relay("bench", stories.toString(), "-p", "8", "-n", "0", "-r", "1", "--json");
        assertThat(promptOnly.json().size()).isEqualTo(1);
    }

    @Test
    void benchWithBandwidthReportsDecodeAsAFractionOfTheLimit() throws IOException {
        Path stories = SharedOracle.require("oracle/models/stories260K.gguf");
        CliRun run =
                relay("bench", stories.toString(), "-p", "8", "-n", "8", "-r", "1", "-t", "1", "--bandwidth", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode prefill = run.json().get(0);
        JsonNode decode = run.json().get(1);
        assertThat(prefill.has("bandwidth_limit_ts"))
                .as("only decode reads every weight per token")
                .isFalse();
        // stories260K is 1.1 MiB: any machine streams it thousands of times a second.
        double limit = decode.get("bandwidth_limit_ts").asDouble();
        assertThat(limit).isGreaterThan(1000);
        assertThat(decode.get("bandwidth_fraction").asDouble())
                .isCloseTo(decode.get("avg_ts").asDouble() / limit, within(1e-9));

        CliRun table = relay("bench", stories.toString(), "-p", "0", "-n", "4", "-r", "1", "-t", "1", "--bandwidth");
        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out()).contains("of bandwidth limit").containsPattern("tg4 .*% of [0-9]");
    }

    @Test
    void benchProfileTimesEveryOpOfOneExtraRun() throws IOException {
        Path stories = SharedOracle.require("oracle/models/stories260K.gguf");
        CliRun run =
                relay("bench", stories.toString(), "-p", "16", "-n", "8", "-r", "1", "-t", "1", "--profile", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode prefill = run.json().get(0).get("profile");
        JsonNode decode = run.json().get(1).get("profile");
        assertThat(prefill.get("steps").asLong())
                .as("16 prompt tokens fit one chunk")
                .isOne();
        assertThat(decode.get("steps").asLong())
                .as("one step per generated token")
                .isEqualTo(8);
        double shares = 0;
        int downProjections = 0;
        for (JsonNode op : decode.get("ops")) {
            shares += op.get("share").asDouble();
            if (op.get("op").asText().equals("matmul")
                    && op.get("weight").asText().equals("ffn_down")) {
                downProjections = op.get("ops_per_step").asInt();
                assertThat(op.get("weight_bytes_per_step").asLong()).isPositive();
                assertThat(op.has("weights_gb_per_s")).isTrue();
            }
        }
        assertThat(shares).isCloseTo(1, within(1e-6));
        assertThat(downProjections).as("one ffn_down per layer of stories260K").isEqualTo(5);

        CliRun table = relay("bench", stories.toString(), "-p", "0", "-n", "4", "-r", "1", "-t", "1", "--profile");
        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out())
                .contains("tg4, one more run timed op by op: 4 steps")
                .containsPattern("matmul +ffn_down +5 ");
    }

    @Test
    void benchParallelDecodesSeveralSequencesTogether() throws IOException {
        Path stories = SharedOracle.require("oracle/models/stories260K.gguf");
        CliRun run = relay(
                "bench", stories.toString(), "-p", "0", "-n", "8", "-r", "1", "-t", "1", "--parallel", "3", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode decode = run.json().get(0);
        assertThat(decode.get("n_gen").asInt()).isEqualTo(8);
        assertThat(decode.get("n_parallel").asInt()).isEqualTo(3);
        assertThat(decode.get("avg_ts").asDouble()).isPositive();

        CliRun table =
                relay("bench", stories.toString(), "-p", "0", "-n", "4", "-r", "1", "-t", "1", "--parallel", "2");
        assertThat(table.out()).contains("tg4x2");
        CliRun none = relay("bench", stories.toString(), "--parallel", "0");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("--parallel must be at least 1");
    }

    @Test
    void benchDepthStartsEveryTestAfterThatManyTokensOfContext() throws IOException {
        Path stories = SharedOracle.require("oracle/models/stories260K.gguf");
        // The command checks each test sequence's length against depth + test tokens when a run ends.
        CliRun run = relay(
                "bench",
                stories.toString(),
                "-p",
                "8",
                "-n",
                "4",
                "-d",
                "24",
                "-r",
                "2",
                "-t",
                "1",
                "--parallel",
                "2",
                "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        for (JsonNode test : run.json()) {
            assertThat(test.get("n_depth").asInt()).isEqualTo(24);
            assertThat(test.get("avg_ts").asDouble()).isPositive();
        }

        CliRun table = relay("bench", stories.toString(), "-p", "8", "-n", "4", "-d", "16", "-r", "1", "-t", "1");
        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out()).contains("pp8 @ d16").contains("tg4 @ d16");
        CliRun negative = relay("bench", stories.toString(), "-d", "-1");
        assertThat(negative.exitCode()).isEqualTo(2);
        assertThat(negative.err()).contains("-d must not be negative");
    }
}
