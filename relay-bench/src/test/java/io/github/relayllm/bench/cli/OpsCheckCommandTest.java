package io.github.relayllm.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.relayllm.kernels.opcheck.OpScenario;
import io.github.relayllm.kernels.opcheck.Scenarios;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code relay ops-check}: the table, the JSON document and the exit code, on the small grid. */
class OpsCheckCommandTest {

    @Test
    void theCpuBackendPassesTheSmallGrid() {
        int total = Scenarios.small().size();
        CliRun run = CliRun.relay("ops-check", "--backend", "cpu", "--small", "-t", "2");
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).startsWith("cpu: 2 threads");
        assertThat(lines.get(1)).matches("op +dtype +shape +NMSE +limit +result");
        assertThat(lines).hasSize(total + 3);
        assertThat(lines.subList(2, total + 2))
                .allSatisfy(line -> assertThat(line).endsWith(" pass"));
        assertThat(lines)
                .anyMatch(l -> l.matches("MatMul +Q4_K +n=7 k=768 rows=4 bias outputs-only +\\S+ +5\\.0e-04 +pass"));
        assertThat(lines).anyMatch(l -> l.matches("Gather +F32 +tokens=9 width=7 outputs=4 +0 +exact +pass"));
        assertThat(lines.getLast()).isEqualTo(total + " of " + total + " passed");
    }

    @Test
    void jsonHasOneObjectPerScenarioAndTheDescriptionGoesToStderr() throws IOException {
        List<OpScenario> expected = Scenarios.ofOps(Scenarios.small(), List.of("matmul", "attention"));
        CliRun run = CliRun.relay("ops-check", "--small", "--op", "matmul", "--op", "ATTENTION", "-t", "1", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).startsWith("cpu: 1 thread");
        JsonNode document = run.json();
        assertThat(document.get("backend").asText()).isEqualTo("cpu");
        assertThat(document.get("device").isNull()).isTrue();
        assertThat(document.get("total").asInt()).isEqualTo(expected.size());
        assertThat(document.get("passed").asInt()).isEqualTo(expected.size());
        JsonNode results = document.get("results");
        assertThat(results).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            JsonNode result = results.get(i);
            assertThat(result.get("op").asText()).isEqualTo(expected.get(i).op());
            assertThat(result.get("dtype").asText())
                    .isEqualTo(expected.get(i).dtype().name());
            assertThat(result.get("shape").asText()).isEqualTo(expected.get(i).shape());
            assertThat(result.get("nmse").asDouble()).isLessThan(5e-4);
            assertThat(result.get("tolerance").asDouble()).isEqualTo(5e-4);
            assertThat(result.get("passed").asBoolean()).isTrue();
            assertThat(result.get("error").isNull()).isTrue();
        }
    }

    @Test
    void failuresAreRowsOfTheTableAndTheExitCodeIsOne() {
        int total = Scenarios.ofOps(Scenarios.small(), List.of("add", "softmax", "gather"))
                .size();
        CliRun run = CliRun.relay(
                "ops-check", "--backend", "faulty", "--small", "--op", "add", "--op", "softmax", "--op", "gather");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out())
                .containsPattern("Add +F32 +width=1000 rows=1 +\\S+ +1\\.0e-07 +FAIL")
                .containsPattern("Softmax +F32 +width=1 rows=3 +NaN +1\\.0e-07 +FAIL")
                .containsPattern("Gather +F32 +tokens=9 width=7 outputs=4 +0 +exact +pass")
                .contains("Softmax F32 width=1 rows=3: UnsupportedOperationException: no softmax kernel")
                .endsWith("2 of " + total + " passed\n");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void anUnknownOpIsAnErrorThatListsTheOps() {
        CliRun run = CliRun.relay("ops-check", "--small", "--op", "conv2d");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("no op named 'conv2d'").contains("MatMul, Embed");
    }
}
