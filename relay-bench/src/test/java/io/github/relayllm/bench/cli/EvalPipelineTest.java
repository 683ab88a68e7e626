package io.github.relayllm.bench.cli;

import static io.github.relayllm.bench.cli.CliRun.relay;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.relayllm.bench.eval.dataset.Benchmark;
import io.github.relayllm.kernels.testkit.SharedOracle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness end to end, as the issue asks: the scripted gold and wrong responders through the real
 * runner (interrupted and resumed) and the real report, on slices of all six datasets: 100% and 0%.
 */
class EvalPipelineTest {
    @TempDir
    Path out;

    @Test
    void goldScoresOneHundredAndWrongZeroOnEveryBenchmarkThroughRunnerResumeAndReport() throws Exception {
        List<String> datasets = new ArrayList<>();
        for (Benchmark benchmark : Benchmark.values()) {
            datasets.add("--dataset");
            datasets.add(benchmark.key() + "=" + SharedOracle.require("datasets/" + benchmark.fileName()));
        }
        for (String responder : List.of("gold", "wrong")) {
            for (String limit : List.of("2", "4")) { // the second run resumes the first
                List<String> args = new ArrayList<>(List.of("eval", "--responder", responder, "--limit", limit));
                args.addAll(List.of("--repeats", "2", "--out", out.toString()));
                args.addAll(datasets);
                CliRun run = relay(args.toArray(String[]::new));
                assertThat(run.exitCode()).as(run.err()).isZero();
            }
        }
        for (Benchmark benchmark : Benchmark.values()) {
            assertThat(Files.readAllLines(out.resolve(benchmark.key() + ".gold.jsonl")))
                    .as("%s: 4 problems x 2 repeats, none done twice", benchmark.key())
                    .hasSize(8)
                    .doesNotHaveDuplicates();
        }

        CliRun report = relay("report", out.toString(), "--json");
        assertThat(report.exitCode()).as(report.err()).isZero();
        JsonNode policies = report.json().get("policies");
        assertThat(policies.findValuesAsText("policy")).containsExactlyInAnyOrder("gold", "wrong");
        for (JsonNode policy : policies) {
            double expected = policy.get("policy").asText().equals("gold") ? 1.0 : 0.0;
            JsonNode benchmarks = policy.get("benchmarks");
            assertThat(benchmarks.size()).isEqualTo(6);
            benchmarks
                    .properties()
                    .forEach(benchmark -> assertThat(
                                    benchmark.getValue().get("accuracy").asDouble())
                            .as("%s on %s", policy.get("policy").asText(), benchmark.getKey())
                            .isEqualTo(expected));
            assertThat(policy.get("average").get("accuracy").asDouble()).isEqualTo(expected);
        }
        assertThat(out.resolve("report.md")).exists();
        assertThat(Files.readString(out.resolve("report.svg"))).contains("<svg").contains("gold");
    }
}
