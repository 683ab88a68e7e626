package io.github.relayllm.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.relayllm.bench.perf.TinyRelayModels;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code relay bench-relay} end to end on two tiny random models: the schedule's token counts and
 * calls, every part accounted for, an exact replay. No assertion compares wall-clock times.
 */
class BenchRelayCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EVERY = 5;
    private static final int CALL = 2;
    private static final int TOKENS = 30;

    @TempDir
    static Path dir;

    static Path slm;
    static Path llm;

    @BeforeAll
    static void writeModels() throws IOException {
        TinyRelayModels models = TinyRelayModels.write(dir);
        slm = models.slm();
        llm = models.llm();
    }

    private static String[] args(String... more) {
        List<String> args = new ArrayList<>(List.of(
                "bench-relay",
                "--slm",
                slm.toString(),
                "--llm",
                llm.toString(),
                "--call-every",
                String.valueOf(EVERY),
                "--call-tokens",
                String.valueOf(CALL),
                "-n",
                String.valueOf(TOKENS),
                "--eager-chunk",
                "4",
                "-t",
                "1"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = RelayCommand.run(args, new PrintWriter(out), new PrintWriter(err));
        assertThat(code).as(err.toString()).isZero();
        return new String[] {out.toString(), err.toString()};
    }

    @Test
    void jsonAccountsForEveryTokenOfTheScheduleInBothPolicies() throws IOException {
        String[] run = run(args("-r", "2", "--catch-up", "both", "--json"));
        JsonNode document = JSON.readTree(run[0]);
        assertThat(document.get("n_gen").asInt()).isEqualTo(TOKENS);
        JsonNode policies = document.get("catch_up");
        assertThat(policies).extracting(p -> p.get("catch_up").asText()).containsExactly("lazy", "eager");
        // 5 SLM tokens and a call of 2, four times over (28 tokens), then the SLM's last 2.
        for (JsonNode policy : policies) {
            assertThat(policy.get("calls").asInt()).isEqualTo(4);
            assertThat(policy.get("slm_tokens").asInt()).isEqualTo(22);
            assertThat(policy.get("llm_tokens").asInt()).isEqualTo(8);
            assertThat(policy.get("diverged_tokens").asInt())
                    .as("the replay is exact")
                    .isZero();
            assertThat(policy.get("samples")).hasSize(2);
            for (JsonNode sample : policy.get("samples")) {
                assertThat(sample.get("total_tokens").asInt()).isEqualTo(TOKENS);
                assertThat(sample.get("slm_decode_tokens").asInt()).isEqualTo(22);
                assertThat(sample.get("llm_decode_tokens").asInt()).isEqualTo(8);
                assertThat(sample.get("parts_tokens").asInt()).isEqualTo(TOKENS);
                assertThat(sample.get("slm_prefill_tokens").asInt()).isPositive();
                assertThat(sample.get("llm_prefill_tokens").asInt()).isPositive();
                double parts = 0;
                for (String part : List.of("slm_decode", "llm_decode", "slm_prefill", "llm_prefill", "llm_catch_up")) {
                    parts += sample.get(part + "_ms").asDouble();
                }
                assertThat(sample.get("parts_ms").asDouble()).isCloseTo(parts, within(1e-6));
                double total = sample.get("total_ms").asDouble();
                assertThat(sample.get("overhead_percent").asDouble())
                        .isCloseTo(100 * (total - parts) / total, within(1e-6));
            }
            for (String field : List.of("total_ms", "parts_ms", "overhead_percent", "unattributed_percent")) {
                double median = policy.get("median").get(field).asDouble();
                assertThat(median)
                        .as(field)
                        .isBetween(
                                policy.get("min").get(field).asDouble(),
                                policy.get("max").get(field).asDouble());
            }
        }
        assertThat(policies.get(0)
                        .get("samples")
                        .get(0)
                        .get("llm_catch_up_tokens")
                        .asInt())
                .isZero();
        assertThat(policies.get(1).get("eager_chunk").asInt()).isEqualTo(4);
        assertThat(policies.get(1)
                        .get("samples")
                        .get(0)
                        .get("llm_catch_up_tokens")
                        .asInt())
                .isPositive();
        assertThat(run[1]).contains("lazy warm-up", "eager repeat 2/2").doesNotContain("warning");
    }

    @Test
    void tableNamesEveryPartAndTheOverhead() {
        String[] run = run(args("-r", "1"));
        assertThat(run[0])
                .contains("lazy catch-up: 4 calls, 22 SLM + 8 LLM tokens")
                .contains("SLM decode", "LLM decode", "SLM prefill", "LLM prefill", "parts (sum)")
                .contains("overhead (total - parts) / total")
                .doesNotContain("eager");
    }

    @Test
    void badCatchUpIsAUsageError() {
        StringWriter err = new StringWriter();
        int code = RelayCommand.run(
                args("--catch-up", "sometimes"), new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--catch-up must be lazy, eager or both");
    }
}
